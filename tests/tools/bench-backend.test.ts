/**
 * `npm run bench:backend`'s pure parts: the accounting that decides its exit status (a write lost or
 * doubled), the figures it reduces a phase to, and its report. The run itself is not here: its figures
 * depend on the machine, and a test asserts nothing timed.
 */
import { describe, expect, it } from "vitest";
import { accountWrites, keyOfName, userFor, WriteLedger } from "../../tools/bench-backend/accounting";
import { retryDelayMs } from "../../tools/bench-backend/create-client";
import {
  withOldItemOnConditionFailure,
  type DynaliteStore,
  type DynaliteError,
} from "../../tools/bench-backend/dynalite-old-item";
import { redirectUrl } from "../../tools/bench-backend/redirect";
import {
  formatReport,
  requestsPerInstanceEstimate,
  writesIntact,
  type BenchReport,
} from "../../tools/bench-backend/report";
import {
  outcomesWhileFaulted,
  percentile,
  recoveryMs,
  summarize,
  type Attempt,
  type PhaseSummary,
} from "../../tools/bench-backend/stats";

const KEY_A = "6f1d7a52-0c3b-4d1e-9f7a-2b6c5d4e3f21";
const KEY_B = "0a9e8d7c-6b5a-4948-8776-655443322110";
const KEY_C = "11111111-2222-4333-8444-555555555555";
const stored = (key: string, id: string) => ({ id, name: userFor(key).name });

function ledgerOf(entries: Record<string, string[]>): WriteLedger {
  const ledger = new WriteLedger();
  for (const [key, ids] of Object.entries(entries)) {
    ledger.attempt(key);
    for (const id of ids) ledger.acknowledge(key, id);
  }
  return ledger;
}

describe("the bench's write accounting", () => {
  it("finds nothing lost or doubled when each acknowledged user is stored once", () => {
    const ledger = ledgerOf({ [KEY_A]: ["id-a"], [KEY_B]: ["id-b"] });
    const account = accountWrites(ledger, [stored(KEY_A, "id-a"), stored(KEY_B, "id-b")]);
    expect(account).toEqual({
      attempted: 2,
      acknowledged: 2,
      storedItems: 2,
      lost: 0,
      doubled: 0,
      storedUnacknowledged: 0,
      notWritten: 0,
    });
    expect(writesIntact(account)).toBe(true);
  });

  it("counts an acknowledged user missing from the table as lost", () => {
    const account = accountWrites(ledgerOf({ [KEY_A]: ["id-a"], [KEY_B]: ["id-b"] }), [
      stored(KEY_A, "id-a"),
    ]);
    expect(account.lost).toBe(1);
    expect(writesIntact(account)).toBe(false);
  });

  it("counts as lost an acknowledged id the table holds under another id only", () => {
    expect(accountWrites(ledgerOf({ [KEY_A]: ["id-a"] }), [stored(KEY_A, "id-other")]).lost).toBe(1);
  });

  it("counts a key stored twice, a key answered with two users and an unattempted item as doubled", () => {
    const twice = accountWrites(ledgerOf({ [KEY_A]: ["id-a"] }), [
      stored(KEY_A, "id-a"),
      stored(KEY_A, "id-a2"),
    ]);
    expect(twice.doubled).toBe(1);
    expect(twice.lost).toBe(0);
    const twoAnswers = accountWrites(ledgerOf({ [KEY_A]: ["id-a", "id-a2"] }), [
      stored(KEY_A, "id-a"),
      stored(KEY_A, "id-a2"),
    ]);
    expect(twoAnswers.doubled).toBe(2);
    const stray = accountWrites(ledgerOf({ [KEY_A]: ["id-a"] }), [
      stored(KEY_A, "id-a"),
      stored(KEY_C, "id-c"),
      { id: "id-x", name: "Ada Lovelace" },
    ]);
    expect(stray.doubled).toBe(2);
    expect(writesIntact(stray)).toBe(false);
  });

  it("tells a landed but unacknowledged write from one never written, and fails neither", () => {
    const account = accountWrites(ledgerOf({ [KEY_A]: [], [KEY_B]: [] }), [stored(KEY_A, "id-a")]);
    expect([account.acknowledged, account.storedUnacknowledged, account.notWritten]).toEqual([0, 1, 1]);
    expect(writesIntact(account)).toBe(true);
  });

  it("reads the key back from the name it wrote, and nothing from another name", () => {
    expect(keyOfName(userFor(KEY_A).name)).toBe(KEY_A);
    expect(keyOfName("Ada Lovelace")).toBeUndefined();
  });
});

const attempt = (at: number, outcome: number | string, latencyMs = 1): Attempt => ({
  at,
  latencyMs,
  outcome,
});

describe("the bench's figures", () => {
  it("takes nearest-rank percentiles", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it("summarizes a phase: rate, percentiles, outcomes and what was not the expected success", () => {
    const summary = summarize(
      "POST /v1/users",
      2,
      2,
      [attempt(1, 201, 10), attempt(2, 503, 30), attempt(3, "timeout", 20)],
      201,
    );
    expect(summary).toEqual({
      name: "POST /v1/users",
      concurrency: 2,
      seconds: 2,
      requests: 3,
      requestsPerSecond: 1.5,
      p50Ms: 20,
      p99Ms: 30,
      outcomes: { "201": 1, "503": 1, timeout: 1 },
      errors: 2,
    });
  });

  it("measures recovery from the fault's end to the first success after it", () => {
    const attempts = [
      attempt(100, 201),
      attempt(200, 503),
      attempt(450, 503),
      attempt(700, 201),
      attempt(600, 201),
    ];
    expect(recoveryMs(attempts, 400, 201)).toBe(200);
    expect(recoveryMs(attempts, 800, 201)).toBeUndefined();
    expect(outcomesWhileFaulted(attempts, 150, 400, 201)).toEqual({ "503": 2 });
  });

  it("estimates an instance's rate as the slower of create and get", () => {
    const phase = (name: string, requestsPerSecond: number) => ({ name, requestsPerSecond }) as PhaseSummary;
    expect(
      requestsPerInstanceEstimate([
        phase("POST /v1/users", 812.7),
        phase("GET /v1/users/{id}", 1500),
        phase("GET /v1/users", 90),
      ]),
    ).toBe(812);
  });

  it("retries 503s after their Retry-After, answerless failures after a second, and not a 4xx", () => {
    expect(retryDelayMs({ status: 503, headers: { "retry-after": "2" }, body: "" })).toBe(2_000);
    expect(retryDelayMs({ failure: "ECONNRESET", headers: {}, body: "" })).toBe(1_000);
    expect(retryDelayMs({ status: 422, headers: {}, body: "" })).toBeUndefined();
  });
});

describe("the bench's report", () => {
  const phase: PhaseSummary = summarize("POST /v1/users", 16, 4, [attempt(1, 201, 12)], 201);
  const report = (lost: number): BenchReport => ({
    seconds: 60,
    cpus: 2,
    phases: [phase, { ...phase, name: "GET /v1/users/{id}" }],
    faults: [
      {
        name: "store paused",
        fault: "SIGSTOP dynalite for 5 s",
        load: phase,
        whileFaulted: { "503": 16 },
        firstFailureMs: 3_000,
        recoveryMs: 20,
        healthRecoveryMs: undefined,
      },
    ],
    writes: {
      attempted: 10,
      acknowledged: 10,
      storedItems: 10 - lost,
      lost,
      doubled: 0,
      storedUnacknowledged: 0,
      notWritten: 0,
    },
    requestsPerInstanceEstimate: 250,
    defaultRequestsPerInstance: 100,
    appLog: { listening: 1 },
    imdsCredentialsIssued: 3,
  });

  it("prints the figures, the faults as clients saw them, the writes and the estimate line", () => {
    const text = formatReport(report(0));
    expect(text).toContain(
      "requests per instance estimate: 250 rps (loopback on this machine, not an EC2 figure)",
    );
    expect(text).toContain("capacity.requestsPerInstance default 100: consistent");
    expect(text).toContain("store paused: SIGSTOP dynalite for 5 s");
    expect(text).toContain("503 ×16");
    expect(text).toContain("first 201 0.02 s and first /health 200 never");
    expect(text).toContain("lost 0, doubled 0");
    expect(text).toContain("no write lost or doubled");
    expect(text).toMatch(/^POST \/v1\/users +16 +4\.0 +1 +0 +12\.0 +12\.0 +0 +201 ×1$/m);
  });

  it("says so when a write is lost, and when the default is above the measured rate", () => {
    const text = formatReport({ ...report(1), requestsPerInstanceEstimate: 50 });
    expect(text).toContain("lost 1, doubled 0");
    expect(text).toContain("WRITES LOST OR DOUBLED");
    expect(text).toContain("default 100: ABOVE the 50 rps measured");
  });
});

describe("the bench's loopback", () => {
  const targets = { region: "eu-west-1", dynamodb: "http://127.0.0.1:4000/", imds: "http://127.0.0.1:5000" };

  it("sends the regional DynamoDB endpoint and IMDS to loopback, and anything else where it was going", () => {
    expect(redirectUrl("https://dynamodb.eu-west-1.amazonaws.com/", targets)).toBe("http://127.0.0.1:4000/");
    expect(redirectUrl("http://169.254.169.254/latest/api/token", targets)).toBe(
      "http://127.0.0.1:5000/latest/api/token",
    );
    expect(redirectUrl("https://dynamodb.us-east-1.amazonaws.com/", targets)).toBe(
      "https://dynamodb.us-east-1.amazonaws.com/",
    );
  });

  it("answers a failed PutItem condition with the item that failed it when asked to, as DynamoDB does", async () => {
    const item = { id: { S: "a" }, name: { S: "first" } };
    const failed = (): DynaliteError =>
      Object.assign(new Error("The conditional request failed"), {
        body: { __type: "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException" },
      });
    const store: DynaliteStore = {
      getTable: (_name, callback) => callback(null, { KeySchema: [{ AttributeName: "id" }] }),
    };
    const reads: unknown[] = [];
    const putItem = withOldItemOnConditionFailure<DynaliteStore>(
      (_store, _data, callback) => callback(failed()),
      (_store, data, callback) => {
        reads.push(data);
        callback(null, { Item: item });
      },
    );
    const put = (data: Record<string, unknown>) =>
      new Promise<DynaliteError | null>((resolve) => putItem(store, data, (error) => resolve(error)));
    const asked = await put({
      TableName: "users",
      Item: { ...item, name: { S: "second" } },
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    });
    expect(asked?.body?.Item).toEqual(item);
    expect(reads).toEqual([{ TableName: "users", Key: { id: { S: "a" } } }]);
    const notAsked = await put({ TableName: "users", Item: item });
    expect(notAsked?.body?.Item).toBeUndefined();
  });
});
