import { afterEach, describe, expect, it } from "vitest";
import { STORE_RETRY_AFTER_SECONDS, type AppOptions } from "../../backend/app";
import { CALLER_SUB_HEADER } from "@multi-region-api/model/contracts/backend";
import { DynamoDbError, DynamoDbUserStore } from "../../backend/dynamodb-store";
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf, userIdForKey } from "../../backend/idempotency";
import { InMemoryUserStore } from "../../backend/store";
import { isUserId, type User } from "../../backend/users";
import type { FetchLike } from "../../backend/fetch-like";
import { requestViolations, validationMessage } from "../../tools/aws-models/model";
import { serve, type RunningApp } from "./serve";
import { ADA } from "./users.fixture";

const KEY = "8e0f6a52-4c3b-4d1e-9f7a-2b6c5d4e3f21";
const LOVELACE = { name: "Ada Lovelace", email: "ada@example.com" };

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(options: Partial<AppOptions> = {}): Promise<string> {
  app = await serve({ region: "eu-west-1", store: new InMemoryUserStore(), ...options });
  return app.baseUrl;
}

function post(baseUrl: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}/v1/users`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

describe("idempotencyKeyOf", () => {
  it.each([
    KEY,
    `"${KEY}"`,
    "a".repeat(16),
    "!#$%&'()*+,-./:;<=>?@[]^_`{|}~".padEnd(16, "z"),
    "k".repeat(128),
  ])("takes %s", (header) => {
    expect(idempotencyKeyOf(header)).toBe(header.replace(/^"|"$/g, ""));
  });

  it.each([
    ["15 characters", "a".repeat(15)],
    ["129 characters", "k".repeat(129)],
    ["a space", `${KEY} x`],
    ["a quote inside", `${KEY}"x`],
    ["a backslash", `${KEY}\\x`],
    ["an opening quote alone", `"${KEY}`],
    ["non-ASCII", `${KEY}é`],
    ["a control character", `${KEY}\t`],
    ["two keys joined, as Node joins a repeated header", `${KEY}, ${KEY}`],
  ])("refuses a value with %s", (_why, header) => {
    expect(idempotencyKeyOf(header)).toBeNull();
  });

  it("is undefined without the header", () => {
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
  });
});

describe("userIdForKey", () => {
  it("is a UUID version 8 with RFC 9562's variant, the app's id format, the same for the same caller and key", () => {
    const id = userIdForKey("caller-1", KEY);
    expect(isUserId(id)).toBe(true);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(userIdForKey("caller-1", KEY)).toBe(id);
  });

  it("differs per caller and per key, and cannot be confused by where one ends", () => {
    const ids = new Set([
      userIdForKey("caller-1", KEY),
      userIdForKey("caller-2", KEY),
      userIdForKey("caller-1", `${KEY}x`),
      userIdForKey("caller-1x", KEY),
      userIdForKey("", `caller-1${KEY}`),
    ]);
    expect(ids.size).toBe(5);
  });

  it("sets every variant nibble the hash can give to 8, 9, a or b", () => {
    const variants = new Set(
      Array.from({ length: 200 }, (_, i) => userIdForKey("c", `${KEY}${i}`).split("-")[3]![0]),
    );
    expect(variants).toEqual(new Set(["8", "9", "a", "b"]));
  });
});

describe("POST /v1/users with an Idempotency-Key", () => {
  it("answers a retry with the first result: the same id, 201 and location, one user stored", async () => {
    const store = new InMemoryUserStore();
    let clock = Date.parse("2026-05-01T12:00:00Z");
    const baseUrl = await start({ store, now: () => new Date((clock += 1_000)) });
    const first = await post(baseUrl, LOVELACE, { [IDEMPOTENCY_KEY_HEADER]: KEY });
    // Spelled differently but the same request once validated (trimmed): still a retry.
    const retry = await post(
      baseUrl,
      { name: " Ada Lovelace ", email: "ada@example.com" },
      {
        [IDEMPOTENCY_KEY_HEADER]: `"${KEY}"`,
      },
    );
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    const created = (await first.json()) as User;
    expect(await retry.json()).toEqual(created);
    expect(retry.headers.get("location")).toBe(`/v1/users/${created.id}`);
    expect(await store.list()).toEqual([created]);
  });

  it("answers 422 to the same key with another body, and changes nothing", async () => {
    const store = new InMemoryUserStore();
    const baseUrl = await start({ store });
    await post(baseUrl, LOVELACE, { [IDEMPOTENCY_KEY_HEADER]: KEY });
    const before = await store.list();
    const other = await post(
      baseUrl,
      { name: "Grace Hopper", email: "grace@example.com" },
      {
        [IDEMPOTENCY_KEY_HEADER]: KEY,
      },
    );
    expect(other.status).toBe(422);
    expect(await other.json()).toEqual({ error: "this Idempotency-Key was used for another user" });
    expect(await store.list()).toEqual(before);
  });

  it("keeps keys per caller: two callers' equal keys create two users", async () => {
    const store = new InMemoryUserStore();
    const baseUrl = await start({ store });
    const one = await post(baseUrl, LOVELACE, { [IDEMPOTENCY_KEY_HEADER]: KEY, [CALLER_SUB_HEADER]: "one" });
    const two = await post(baseUrl, LOVELACE, { [IDEMPOTENCY_KEY_HEADER]: KEY, [CALLER_SUB_HEADER]: "two" });
    expect([one.status, two.status]).toEqual([201, 201]);
    expect((await store.list()).map((u) => u.id).sort()).toEqual(
      [userIdForKey("one", KEY), userIdForKey("two", KEY)].sort(),
    );
  });

  it("answers 400 naming the header for a key it cannot take, before reading or storing anything", async () => {
    const store = new InMemoryUserStore();
    const baseUrl = await start({ store });
    const response = await post(baseUrl, LOVELACE, { [IDEMPOTENCY_KEY_HEADER]: "too-short" });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: string };
    expect(error).toMatch(/^the Idempotency-Key header must be 16-128 printable ASCII characters/);
    expect(error).not.toContain("too-short");
    expect(await store.list()).toEqual([]);
  });

  it("answers 500, never someone else's user, when a random id is already taken", async () => {
    const store = new InMemoryUserStore([ADA]);
    const baseUrl = await start({ store, newId: () => ADA.id });
    const response = await post(baseUrl, { name: "Grace Hopper", email: "grace@example.com" });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain(ADA.email);
    expect(await store.list()).toEqual([ADA]);
  });
});

/**
 * A stand-in for one DynamoDB table behind its JSON API, with the rules the store relies on, each from
 * AWS's DynamoDB API Reference: a body that fails the API model is a 400 ValidationException (the message
 * format of AWS's validation); PutItem with `attribute_not_exists` on the key writes only when no item has
 * that key, and otherwise answers 400 ConditionalCheckFailedException, carrying the item when
 * ReturnValuesOnConditionCheckFailure is ALL_OLD ("PutItem", and the exception's `Item` member in the
 * model); GetItem answers `Item` when the key exists. `answerAfterMs` holds the answer after the write has
 * happened, as a paused or slow replica does. Anything else it does not know is refused, so that a test
 * cannot pass on behaviour the stand-in made up.
 */
function dynamoDbTable(answerAfterMs: () => number = () => 0) {
  const items = new Map<string, Record<string, { S: string }>>();
  const fetch: FetchLike = async (_url, init) => {
    const operation = init.headers["x-amz-target"]!.replace("DynamoDB_20120810.", "");
    const body = JSON.parse(init.body!) as Record<string, unknown>;
    const answer = (status: number, json: unknown) => ({ status, text: async () => JSON.stringify(json) });
    const violations = requestViolations("dynamodb", operation, body);
    if (violations.length > 0)
      return answer(400, { __type: "ValidationException", message: validationMessage(violations) });
    let result: { status: number; text: () => Promise<string> };
    if (operation === "PutItem") {
      const item = body.Item as Record<string, { S: string }>;
      if (body.ConditionExpression !== "attribute_not_exists(#id)")
        throw new Error("stand-in: unknown condition");
      const existing = items.get(item.id!.S);
      if (existing === undefined) {
        items.set(item.id!.S, item);
        result = answer(200, {});
      } else {
        result = answer(400, {
          __type: "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
          message: "The conditional request failed",
          ...(body.ReturnValuesOnConditionCheckFailure === "ALL_OLD" ? { Item: existing } : {}),
        });
      }
    } else if (operation === "GetItem" || operation === "Scan") {
      const key = (body.Key as Record<string, { S: string }> | undefined)?.id?.S;
      const item = key === undefined ? undefined : items.get(key);
      result =
        operation === "Scan"
          ? answer(200, { Items: [...items.values()] })
          : answer(200, item ? { Item: item } : {});
    } else {
      throw new Error(`stand-in: no ${operation}`);
    }
    const delay = answerAfterMs();
    if (delay > 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, delay);
        init.signal?.addEventListener("abort", () => {
          clearTimeout(timer);
          reject(init.signal!.reason as Error);
        });
      });
    }
    return result;
  };
  return { fetch, items };
}

function dynamoDbStore(fetch: FetchLike, timeoutMs = 3_000): DynamoDbUserStore {
  return new DynamoDbUserStore({
    region: "eu-west-1",
    tableName: "users-3f2a1b",
    fetch,
    credentials: async () => ({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret" }),
    timeoutMs,
  });
}

describe("idempotent POST on DynamoDB", () => {
  it("sends requests AWS's model accepts (the stand-in refuses others)", async () => {
    const table = dynamoDbTable();
    const store = dynamoDbStore(table.fetch);
    expect(await store.create(ADA)).toBeUndefined();
    expect(await store.create({ ...ADA, name: "Someone Else" })).toEqual(ADA);
    expect(await store.get(ADA.id)).toEqual(ADA);
    expect(await store.list()).toEqual([ADA]);
    await store.probe();
  });

  it("the stand-in's model check refuses what AWS would", () => {
    expect(
      requestViolations("dynamodb", "PutItem", {
        TableName: "users-3f2a1b",
        Item: {},
        ReturnValuesOnConditionCheckFailure: "ALL_NEW",
        ReturnValue: "NONE",
      }).map((v) => `${v.path}: ${v.constraint}`),
    ).toEqual([
      "ReturnValuesOnConditionCheckFailure: Member must satisfy enum value set: [ALL_OLD, NONE]",
      "ReturnValue: Member is not in the model",
    ]);
  });

  it("rejects a failed condition whose answer carries no user, rather than inventing one", async () => {
    const fetch: FetchLike = async () => ({
      status: 400,
      text: async () =>
        JSON.stringify({ __type: "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException" }),
    });
    await expect(dynamoDbStore(fetch).create(ADA)).rejects.toBeInstanceOf(DynamoDbError);
  });

  it("a POST whose write landed after the store timed out answers 503; its retry gets that user, stored once", async () => {
    let pause = 300;
    const table = dynamoDbTable(() => pause);
    let clock = Date.parse("2026-05-01T12:00:00Z");
    const baseUrl = await start({
      store: dynamoDbStore(table.fetch, 50),
      now: () => new Date((clock += 1_000)),
    });
    const first = await post(baseUrl, LOVELACE, { [IDEMPOTENCY_KEY_HEADER]: KEY });
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe(String(STORE_RETRY_AFTER_SECONDS));
    expect(table.items.size).toBe(1);
    pause = 0;
    const retry = await post(baseUrl, LOVELACE, { [IDEMPOTENCY_KEY_HEADER]: KEY });
    expect(retry.status).toBe(201);
    const user = (await retry.json()) as User;
    expect(user.id).toBe(userIdForKey("", KEY));
    expect(table.items.size).toBe(1);
    // The first request's record, not the retry's (a second later).
    expect(user.createdAt).toBe("2026-05-01T12:00:01.000Z");
    expect([...table.items.values()][0]!.createdAt!.S).toBe(user.createdAt);
    const other = await post(
      baseUrl,
      { name: "Grace Hopper", email: "grace@example.com" },
      {
        [IDEMPOTENCY_KEY_HEADER]: KEY,
      },
    );
    expect(other.status).toBe(422);
  });
});
