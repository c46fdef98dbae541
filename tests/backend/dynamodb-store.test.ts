import { describe, expect, it } from "vitest";
import { HEALTHY_MARKER } from "@multi-region-api/model/contracts/backend";
import { DynamoDbError, DynamoDbUserStore, HEALTH_PROBE_KEY } from "../../backend/dynamodb-store";
import { fakeFetch, type FakeAnswer, type RecordedRequest } from "./fake-fetch";
import { ADA, GRACE } from "./users.fixture";
import { serve } from "./serve";

const REGION = "eu-west-1";
const TABLE = "users-3f2a1b";
const ADA_ITEM = {
  id: { S: ADA.id },
  name: { S: "Ada Lovelace" },
  email: { S: "ada@example.com" },
  createdAt: { S: ADA.createdAt },
};
const GRACE_ITEM = {
  id: { S: GRACE.id },
  name: { S: "Grace Hopper" },
  email: { S: "grace@example.com" },
  createdAt: { S: GRACE.createdAt },
};

function storeAnswering(answer: (request: RecordedRequest) => FakeAnswer) {
  const fetch = fakeFetch(answer);
  const store = new DynamoDbUserStore({
    region: REGION,
    tableName: TABLE,
    fetch,
    credentials: async () => ({
      accessKeyId: "ASIAEXAMPLE",
      secretAccessKey: "secret",
      sessionToken: "session",
    }),
    now: () => new Date("2026-05-01T12:00:00Z"),
  });
  return { store, requests: fetch.requests };
}

function payloadOf(request: RecordedRequest): Record<string, unknown> {
  return JSON.parse(request.init.body!) as Record<string, unknown>;
}

describe("DynamoDbUserStore requests", () => {
  it("POSTs to the regional endpoint with the JSON API's content type, target and a SigV4 signature", async () => {
    const { store, requests } = storeAnswering(() => ({ body: {} }));
    await store.get(ADA.id);
    const [request] = requests;
    expect(request!.url).toBe(`https://dynamodb.${REGION}.amazonaws.com/`);
    expect(request!.init.method).toBe("POST");
    expect(request!.init.headers).toMatchObject({
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": "DynamoDB_20120810.GetItem",
      "x-amz-date": "20260501T120000Z",
      "x-amz-security-token": "session",
    });
    expect(request!.init.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE\/20260501\/eu-west-1\/dynamodb\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$/,
    );
    // fetch sets Host from the URL and rejects being given one.
    expect(request!.init.headers).not.toHaveProperty("host");
    expect(request!.init.signal).toBeInstanceOf(AbortSignal);
  });

  it("create: PutItem with marshalled attribute values, never overwriting, asking for the item in the way", async () => {
    const { store, requests } = storeAnswering(() => ({ body: {} }));
    expect(await store.create(ADA)).toBeUndefined();
    expect(requests[0]!.init.headers["x-amz-target"]).toBe("DynamoDB_20120810.PutItem");
    expect(payloadOf(requests[0]!)).toEqual({
      TableName: TABLE,
      Item: ADA_ITEM,
      ConditionExpression: "attribute_not_exists(#id)",
      ExpressionAttributeNames: { "#id": "id" },
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    });
  });

  it("get: GetItem by key, unmarshalling the item", async () => {
    const { store, requests } = storeAnswering(() => ({ body: { Item: ADA_ITEM } }));
    expect(await store.get(ADA.id)).toEqual(ADA);
    expect(payloadOf(requests[0]!)).toEqual({ TableName: TABLE, Key: { id: { S: ADA.id } } });
  });

  it("get: undefined when DynamoDB has no item", async () => {
    const { store } = storeAnswering(() => ({ body: {} }));
    expect(await store.get(ADA.id)).toBeUndefined();
  });

  it("list: Scans page after page, skipping items that are not users, oldest first", async () => {
    const { store, requests } = storeAnswering((request) =>
      payloadOf(request).ExclusiveStartKey === undefined
        ? { body: { Items: [GRACE_ITEM, { id: { S: "stray" } }], LastEvaluatedKey: { id: { S: GRACE.id } } } }
        : { body: { Items: [ADA_ITEM] } },
    );
    expect(await store.list()).toEqual([ADA, GRACE]);
    expect(requests.map((r) => r.init.headers["x-amz-target"])).toEqual([
      "DynamoDB_20120810.Scan",
      "DynamoDB_20120810.Scan",
    ]);
    expect(payloadOf(requests[1]!)).toMatchObject({
      TableName: TABLE,
      ExclusiveStartKey: { id: { S: GRACE.id } },
    });
  });

  it("list: stops at maxListedUsers instead of reading an unbounded table", async () => {
    const fetch = fakeFetch(() => ({ body: { Items: [ADA_ITEM], LastEvaluatedKey: { id: { S: ADA.id } } } }));
    const store = new DynamoDbUserStore({
      region: REGION,
      tableName: TABLE,
      fetch,
      credentials: async () => ({ accessKeyId: "A", secretAccessKey: "S" }),
      maxListedUsers: 3,
    });
    expect(await store.list()).toHaveLength(3);
    expect(fetch.requests).toHaveLength(3);
    expect(payloadOf(fetch.requests[2]!).Limit).toBe(1);
  });

  it("probe: a real GetItem on the local replica", async () => {
    const { store, requests } = storeAnswering(() => ({ body: {} }));
    await store.probe();
    expect(requests[0]!.init.headers["x-amz-target"]).toBe("DynamoDB_20120810.GetItem");
    expect(payloadOf(requests[0]!)).toEqual({ TableName: TABLE, Key: { id: { S: HEALTH_PROBE_KEY } } });
  });
});

describe("DynamoDbUserStore errors", () => {
  it("turns an error answer into a DynamoDbError naming the action and the exception", async () => {
    const { store } = storeAnswering(() => ({
      status: 400,
      body: {
        __type: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
        message: "Requested resource not found",
      },
    }));
    const failure = store.probe();
    await expect(failure).rejects.toBeInstanceOf(DynamoDbError);
    await expect(failure).rejects.toThrow(
      "DynamoDB GetItem failed (400 ResourceNotFoundException): Requested resource not found",
    );
  });

  it("fails when credentials cannot be had, without calling DynamoDB", async () => {
    const fetch = fakeFetch(() => ({ body: {} }));
    const store = new DynamoDbUserStore({
      region: REGION,
      tableName: TABLE,
      fetch,
      credentials: () => Promise.reject(new Error("IMDS PUT /latest/api/token answered 503")),
    });
    await expect(store.probe()).rejects.toThrow(/IMDS/);
    expect(fetch.requests).toHaveLength(0);
  });
});

describe("the app's /health on DynamoDB", () => {
  it("is 200 when the replica answers GetItem and 503 when IAM refuses it", async () => {
    let denied = false;
    const { store } = storeAnswering(() =>
      denied
        ? {
            status: 400,
            body: { __type: "com.amazon.coral.service#AccessDeniedException", message: "not authorized" },
          }
        : { body: {} },
    );
    const app = await serve({ region: REGION, store });
    try {
      const healthy = await fetch(`${app.baseUrl}/health`);
      expect(healthy.status).toBe(200);
      expect(await healthy.text()).toContain(HEALTHY_MARKER);
      denied = true;
      const unhealthy = await fetch(`${app.baseUrl}/health`);
      expect(unhealthy.status).toBe(503);
      expect(await unhealthy.text()).not.toContain(HEALTHY_MARKER);
    } finally {
      await app.close();
    }
  });
});
