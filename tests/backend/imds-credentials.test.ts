import { describe, expect, it } from "vitest";
import { imdsCredentialProvider } from "../../backend/imds-credentials";
import { fakeFetch, type RecordedRequest } from "./fake-fetch";

const ROLE = "multi-region-api-instance";
const TOKEN = "AQAEAimds-session-token==";

function credentialsDocument(accessKeyId: string, expiration: string) {
  return {
    Code: "Success",
    LastUpdated: "2026-05-01T11:00:00Z",
    Type: "AWS-HMAC",
    AccessKeyId: accessKeyId,
    SecretAccessKey: `secret-of-${accessKeyId}`,
    Token: `session-of-${accessKeyId}`,
    Expiration: expiration,
  };
}

/** IMDS as an instance with a role sees it; issues a new key on every credentials read. */
function fakeImds(expiration = "2026-05-01T18:00:00Z") {
  let issued = 0;
  return fakeFetch(({ url, init }: RecordedRequest) => {
    const path = new URL(url).pathname;
    if (path === "/latest/api/token") {
      return init.method === "PUT" ? { body: TOKEN } : { status: 405, body: "" };
    }
    // IMDSv2: no token, no answer.
    if (init.headers["x-aws-ec2-metadata-token"] !== TOKEN) return { status: 401, body: "" };
    if (path === "/latest/meta-data/iam/security-credentials/") return { body: `${ROLE}\n` };
    if (path === `/latest/meta-data/iam/security-credentials/${ROLE}`) {
      issued += 1;
      return { body: credentialsDocument(`ASIA${issued}`, expiration) };
    }
    return { status: 404, body: "" };
  });
}

describe("imdsCredentialProvider", () => {
  it("follows IMDSv2: PUT a token, then GET the role and its credentials with it", async () => {
    const imds = fakeImds();
    const provider = imdsCredentialProvider({ fetch: imds, now: () => new Date("2026-05-01T12:00:00Z") });
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

  it("reuses the credentials until five minutes before they expire, then refreshes", async () => {
    const imds = fakeImds("2026-05-01T18:00:00Z");
    let now = new Date("2026-05-01T12:00:00Z");
    const provider = imdsCredentialProvider({ fetch: imds, now: () => now });
    expect((await provider()).accessKeyId).toBe("ASIA1");
    now = new Date("2026-05-01T17:54:59Z");
    expect((await provider()).accessKeyId).toBe("ASIA1");
    expect(imds.requests).toHaveLength(3);
    now = new Date("2026-05-01T17:55:00Z");
    expect((await provider()).accessKeyId).toBe("ASIA2");
    expect(imds.requests).toHaveLength(6);
  });

  it("shares one refresh among concurrent callers", async () => {
    const imds = fakeImds();
    const provider = imdsCredentialProvider({ fetch: imds, now: () => new Date("2026-05-01T12:00:00Z") });
    const all = await Promise.all([provider(), provider(), provider()]);
    expect(new Set(all.map((c) => c.accessKeyId))).toEqual(new Set(["ASIA1"]));
    expect(imds.requests).toHaveLength(3);
  });

  it("fails clearly when the instance has no role", async () => {
    const imds = fakeFetch(({ url }) => ({ body: url.endsWith("/token") ? TOKEN : "" }));
    await expect(imdsCredentialProvider({ fetch: imds })()).rejects.toThrow(/no instance role/);
  });

  it("fails on an IMDS error status, and tries again on the next call", async () => {
    let healthy = false;
    const imds = fakeImds();
    const unavailable = fakeFetch(() => ({ status: 503, body: "" }));
    const provider = imdsCredentialProvider({
      fetch: (url, init) => (healthy ? imds(url, init) : unavailable(url, init)),
      now: () => new Date("2026-05-01T12:00:00Z"),
    });
    await expect(provider()).rejects.toThrow(/IMDS PUT \/latest\/api\/token answered 503/);
    healthy = true;
    expect((await provider()).accessKeyId).toBe("ASIA1");
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
