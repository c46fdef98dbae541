import { describe, expect, it } from "vitest";
import { deriveSigningKey, sha256Hex, signRequest, toAmzDate } from "../../backend/sigv4";

// AWS's SigV4 test suite (aws-sig-v4-test-suite): one account, one instant, one scope for every vector.
const SUITE = {
  region: "us-east-1",
  service: "service",
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
  signingTime: new Date("2015-08-30T12:36:00Z"),
};
const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

describe("signRequest against AWS's SigV4 test suite", () => {
  it("get-vanilla: canonical request, string to sign and the published signature", () => {
    const signed = signRequest(
      { method: "GET", url: "https://example.amazonaws.com/", headers: {}, body: "" },
      SUITE,
    );
    expect(signed.canonicalRequest).toBe(
      [
        "GET",
        "/",
        "",
        "host:example.amazonaws.com",
        "x-amz-date:20150830T123600Z",
        "",
        "host;x-amz-date",
        EMPTY_BODY_SHA256,
      ].join("\n"),
    );
    expect(signed.stringToSign).toBe(
      "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n" +
        "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
    );
    expect(signed.headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
        "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    );
  });

  it("get-vanilla-query-order-key-case: parameters are sorted before signing", () => {
    const signed = signRequest(
      {
        method: "GET",
        url: "https://example.amazonaws.com/?Param2=value2&Param1=value1",
        headers: {},
        body: "",
      },
      SUITE,
    );
    expect(signed.signature).toBe("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
  });

  it("post-vanilla: the method is part of what is signed", () => {
    const signed = signRequest(
      { method: "POST", url: "https://example.amazonaws.com/", headers: {}, body: "" },
      SUITE,
    );
    expect(signed.signature).toBe("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
  });

  it("derives the published signing key for 20150830/us-east-1/service", () => {
    expect(
      deriveSigningKey(SUITE.credentials.secretAccessKey, "20150830", "us-east-1", "service").toString("hex"),
    ).toBe("938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75");
  });
});

describe("signRequest for DynamoDB", () => {
  const request = {
    method: "POST",
    url: "https://dynamodb.eu-west-1.amazonaws.com/",
    headers: { "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.GetItem" },
    body: '{"TableName":"users"}',
  };
  const scope = {
    ...SUITE,
    region: "eu-west-1",
    service: "dynamodb",
    credentials: { ...SUITE.credentials, sessionToken: "TOKEN" },
  };

  it("signs every header it sends, lower-cased and sorted, including the session token", () => {
    const signed = signRequest(request, scope);
    expect(signed.headers.authorization).toContain(
      "Credential=AKIDEXAMPLE/20150830/eu-west-1/dynamodb/aws4_request, " +
        "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, ",
    );
    expect(signed.headers["x-amz-security-token"]).toBe("TOKEN");
    expect(signed.headers.host).toBe("dynamodb.eu-west-1.amazonaws.com");
    expect(signed.canonicalRequest.endsWith(sha256Hex(request.body))).toBe(true);
  });

  it("changes the signature when the body, the target or the time changes", () => {
    const base = signRequest(request, scope).signature;
    expect(signRequest({ ...request, body: '{"TableName":"other"}' }, scope).signature).not.toBe(base);
    expect(
      signRequest(
        { ...request, headers: { ...request.headers, "X-Amz-Target": "DynamoDB_20120810.PutItem" } },
        scope,
      ).signature,
    ).not.toBe(base);
    expect(
      signRequest(request, { ...scope, signingTime: new Date("2015-08-30T12:36:01Z") }).signature,
    ).not.toBe(base);
  });
});

describe("toAmzDate", () => {
  it("formats an instant as basic ISO-8601 in UTC without milliseconds", () => {
    expect(toAmzDate(new Date("2026-12-31T23:59:59.999Z"))).toBe("20261231T235959Z");
  });
});
