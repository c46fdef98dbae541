import { describe, expect, it } from "vitest";
import { imdsCredentialProvider } from "../../backend/imds-credentials";
import { DynamoDbUserStore } from "../../backend/dynamodb-store";
import type { FetchLike } from "../../backend/fetch-like";
import { fakeFetch, type RecordedRequest } from "./fake-fetch";
import {
  credentialsDocument,
  IMDS_ROLE as ROLE,
  IMDS_TOKEN as TOKEN,
  imdsAnswer,
} from "../../tools/stand-ins/imds";
import { serve } from "./serve";

const ISSUED_AT = Date.parse("2026-05-01T12:00:00Z");
const SIX_HOURS = 6 * 3_600_000;
/** When the first key the fake IMDS issues expires; each later key lives six hours longer. */
const FIRST_EXPIRY = ISSUED_AT + SIX_HOURS;

/** IMDS as an instance with a role sees it; issues a new key on every credentials read. */
function fakeImds() {
  let issued = 0;
  return fakeFetch(({ url, init }: RecordedRequest) =>
    imdsAnswer(
      { method: init.method, path: new URL(url).pathname, token: init.headers["x-aws-ec2-metadata-token"] },
      () => {
        issued += 1;
        return {
          accessKeyId: `ASIA${issued}`,
          expiration: new Date(FIRST_EXPIRY + (issued - 1) * SIX_HOURS).toISOString(),
        };
      },
    ),
  );
}

type Mode = "healthy" | "failing" | "hanging";

/**
 * IMDS that can be switched between answering, failing with 500 and hanging until the caller's timeout;
 * `calls` counts every request that reached it, whatever it answered.
 */
function switchableImds() {
  const healthy = fakeImds();
  const state = { mode: "healthy" as Mode, calls: 0 };
  const fetch: FetchLike = (url, init) => {
    state.calls += 1;
    if (state.mode === "healthy") return healthy(url, init);
    if (state.mode === "failing") return Promise.resolve({ status: 500, text: async () => "" });
    return new Promise((_resolve, reject) =>
      init.signal!.addEventListener("abort", () => reject(init.signal!.reason as Error)),
    );
  };
  return { fetch, state };
}

/** Lets a refresh started in the background run to its end (the fakes answer within microtasks). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("imdsCredentialProvider", () => {
  it("follows IMDSv2: PUT a token, then GET the role and its credentials with it", async () => {
    const imds = fakeImds();
    const provider = imdsCredentialProvider({ fetch: imds, now: () => new Date(ISSUED_AT) });
    expect(await provider()).toEqual({
      accessKeyId: "ASIA1",
      secretAccessKey: "secret-of-ASIA1",
      sessionToken: "session-of-ASIA1",
    });
    expect(imds.requests.map(({ url, init }) => `${init.method} ${url}`)).toEqual([
      "PUT http://169.254.169.254/latest/api/token",
      "GET http://169.254.169.254/latest/meta-data/iam/security-credentials/",
      `GET http://169.254.169.254/latest/meta-data/iam/security-credentials/${ROLE}`,
    ]);
    expect(imds.requests[0]!.init.headers["x-aws-ec2-metadata-token-ttl-seconds"]).toBe("21600");
    expect(imds.requests[0]!.init.signal).toBeInstanceOf(AbortSignal);
  });

  it("reuses the credentials until the refresh moment, then refreshes in the background", async () => {
    const imds = fakeImds();
    let now = ISSUED_AT;
    const provider = imdsCredentialProvider({ fetch: imds, now: () => new Date(now), random: () => 0 });
    expect((await provider()).accessKeyId).toBe("ASIA1");
    now = FIRST_EXPIRY - 5 * 60_000 - 1;
    expect((await provider()).accessKeyId).toBe("ASIA1");
    expect(imds.requests).toHaveLength(3);
    now = FIRST_EXPIRY - 5 * 60_000;
    // The caller is not kept waiting: it gets the still-valid key while the refresh runs.
    expect((await provider()).accessKeyId).toBe("ASIA1");
    await settle();
    expect(imds.requests).toHaveLength(6);
    expect((await provider()).accessKeyId).toBe("ASIA2");
    expect(imds.requests).toHaveLength(6);
  });

  it("draws the refresh moment from the earlier half of the margin (jitter)", async () => {
    const refreshedAt = async (random: number, at: number) => {
      const imds = fakeImds();
      let now = ISSUED_AT;
      const provider = imdsCredentialProvider({
        fetch: imds,
        now: () => new Date(now),
        random: () => random,
      });
      await provider();
      now = at;
      await provider();
      await settle();
      return imds.requests.length > 3;
    };
    const margin = 5 * 60_000;
    expect(await refreshedAt(0, FIRST_EXPIRY - margin)).toBe(true);
    expect(await refreshedAt(0.99, FIRST_EXPIRY - margin)).toBe(false);
    expect(await refreshedAt(0.99, FIRST_EXPIRY - margin / 2)).toBe(true);
  });

  it("shares one refresh among concurrent callers", async () => {
    const imds = fakeImds();
    const provider = imdsCredentialProvider({ fetch: imds, now: () => new Date(ISSUED_AT) });
    const all = await Promise.all([provider(), provider(), provider()]);
    expect(new Set(all.map((c) => c.accessKeyId))).toEqual(new Set(["ASIA1"]));
    expect(imds.requests).toHaveLength(3);
  });

  it("fails clearly when the instance has no role", async () => {
    const imds = fakeFetch(({ url }) => ({ body: url.endsWith("/token") ? TOKEN : "" }));
    await expect(imdsCredentialProvider({ fetch: imds })()).rejects.toThrow(/no instance role/);
  });

  it("without credentials, fails on an IMDS error, refuses without asking during the backoff, then tries again", async () => {
    const imds = switchableImds();
    imds.state.mode = "failing";
    let now = ISSUED_AT;
    const provider = imdsCredentialProvider({
      fetch: imds.fetch,
      now: () => new Date(now),
      random: () => 0,
      backoffMs: 1_000,
    });
    await expect(provider()).rejects.toThrow(/IMDS PUT \/latest\/api\/token answered 500/);
    expect(imds.state.calls).toBe(1);
    for (let i = 0; i < 10; i++) await expect(provider()).rejects.toThrow(/backing off/);
    expect(imds.state.calls).toBe(1);
    imds.state.mode = "healthy";
    now += 1_000;
    expect((await provider()).accessKeyId).toBe("ASIA1");
  });

  it("keeps serving valid credentials while IMDS fails (500), backing off exponentially, and recovers", async () => {
    const imds = switchableImds();
    let now = ISSUED_AT;
    const errors: unknown[] = [];
    const provider = imdsCredentialProvider({
      fetch: imds.fetch,
      now: () => new Date(now),
      random: () => 0,
      backoffMs: 1_000,
      onRefreshError: (error) => errors.push(error),
    });
    await provider();
    imds.state.mode = "failing";
    // 4 min 54 s before expiry: inside the margin, as in the review that found the old behaviour.
    now = FIRST_EXPIRY - 294_000;
    const calls = imds.state.calls;
    for (let i = 0; i < 20; i++) {
      expect((await provider()).accessKeyId).toBe("ASIA1");
      await settle();
    }
    // One failed attempt, not one per call: the others fall inside the backoff.
    expect(imds.state.calls - calls).toBe(1);
    expect(errors).toHaveLength(1);
    // Backoff 1 s, then 2 s, then 4 s: attempts at +1 s and +3 s, none at +6 s, one at +7 s.
    for (const [advanceTo, attempts] of [
      [1_000, 2],
      [2_999, 2],
      [3_000, 3],
      [6_999, 3],
      [7_000, 4],
    ] as const) {
      now = FIRST_EXPIRY - 294_000 + advanceTo;
      expect((await provider()).accessKeyId).toBe("ASIA1");
      await settle();
      expect(imds.state.calls - calls).toBe(attempts);
    }
    imds.state.mode = "healthy";
    now += 8_000;
    expect((await provider()).accessKeyId).toBe("ASIA1");
    await settle();
    expect((await provider()).accessKeyId).toBe("ASIA2");
  });

  it("keeps serving valid credentials while IMDS hangs, without making callers wait for it", async () => {
    const imds = switchableImds();
    let now = ISSUED_AT;
    const provider = imdsCredentialProvider({
      fetch: imds.fetch,
      now: () => new Date(now),
      random: () => 0,
      timeoutMs: 20,
    });
    await provider();
    imds.state.mode = "hanging";
    now = FIRST_EXPIRY - 60_000;
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 20 }, () => provider()));
    expect(Date.now() - started).toBeLessThan(15);
    expect(new Set(answers.map((c) => c.accessKeyId))).toEqual(new Set(["ASIA1"]));
    expect(imds.state.calls).toBe(4); // 3 for the first key, 1 hanging refresh shared by all 20
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Timed out: the next attempt waits out the backoff.
    expect((await provider()).accessKeyId).toBe("ASIA1");
    expect(imds.state.calls).toBe(4);
  });

  it("stops serving credentials at their real expiry", async () => {
    const imds = switchableImds();
    let now = ISSUED_AT;
    const provider = imdsCredentialProvider({ fetch: imds.fetch, now: () => new Date(now), random: () => 0 });
    await provider();
    imds.state.mode = "failing";
    now = FIRST_EXPIRY - 1;
    expect((await provider()).accessKeyId).toBe("ASIA1");
    await settle();
    now = FIRST_EXPIRY;
    await expect(provider()).rejects.toThrow(/no valid instance credentials/);
  });

  it("refuses a credentials document whose Code is not Success", async () => {
    const imds = fakeFetch(({ url }) => {
      if (url.endsWith("/token")) return { body: TOKEN };
      if (url.endsWith("/security-credentials/")) return { body: ROLE };
      return { body: { ...credentialsDocument("ASIA1", "2026-05-01T18:00:00Z"), Code: "Expired" } };
    });
    await expect(imdsCredentialProvider({ fetch: imds })()).rejects.toThrow(/Expired/);
  });
});

describe("the app on IMDS credentials", () => {
  it("keeps /health and writes working while IMDS fails or hangs and the credentials are valid", async () => {
    const imds = switchableImds();
    let now = ISSUED_AT;
    const credentials = imdsCredentialProvider({
      fetch: imds.fetch,
      now: () => new Date(now),
      random: () => 0,
      timeoutMs: 20,
    });
    const dynamodb = fakeFetch(() => ({ body: {} }));
    const store = new DynamoDbUserStore({
      region: "eu-west-1",
      tableName: "users-3f2a1b",
      fetch: dynamodb,
      credentials,
      now: () => new Date(now),
    });
    const app = await serve({ region: "eu-west-1", store });
    try {
      expect((await fetch(`${app.baseUrl}/health`)).status).toBe(200);
      now = FIRST_EXPIRY - 294_000;
      for (const mode of ["failing", "hanging"] as const) {
        imds.state.mode = mode;
        const statuses: number[] = [];
        for (let i = 0; i < 10; i++) {
          statuses.push((await fetch(`${app.baseUrl}/health`)).status);
          const created = await fetch(`${app.baseUrl}/v1/users`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ name: `User ${i}`, email: `user${i}@example.com` }),
          });
          statuses.push(created.status);
        }
        expect(statuses).toEqual(Array.from({ length: 10 }, () => [200, 201]).flat());
        now += 60_000; // past any backoff: the next mode gets its own attempt
      }
      // 3 calls for the first key, then one failed attempt per outage, not one per request.
      expect(imds.state.calls).toBe(5);
      expect(new Set(dynamodb.requests.map((r) => r.init.headers.authorization!.split("/")[0]))).toEqual(
        new Set(["AWS4-HMAC-SHA256 Credential=ASIA1"]),
      );
    } finally {
      await app.close();
    }
  });
});
