// Route 53 health-check rules of the strict mocks (docs/aws-facts.md#route-53-health-checks).
import { describe, expect, it } from "vitest";
import { HEALTH_CHECK, httpsHealthCheck, mockAccount } from "./strict-mocks";

const refusal = (overrides: Record<string, unknown>) =>
  mockAccount().refusal(HEALTH_CHECK, httpsHealthCheck(overrides));

describe("strict mocks: Route 53 health checks", () => {
  it("accept the health check FailoverDns creates, and the edges of every range", () => {
    expect(refusal({})).toBeUndefined();
    expect(refusal({ requestInterval: 10, failureThreshold: 1 })).toBeUndefined();
    expect(refusal({ failureThreshold: 10, searchString: "x".repeat(255) })).toBeUndefined();
    expect(refusal({ regions: ["us-east-1", "eu-west-1", "ap-southeast-2"] })).toBeUndefined();
  });

  it("refuse a request interval other than 10 or 30", () => {
    expect(refusal({ requestInterval: 20 })).toMatch(
      /expected request_interval to be one of \[10 30\], got 20/,
    );
  });

  it("refuse a failure threshold outside 1-10", () => {
    expect(refusal({ failureThreshold: 0 })).toMatch(
      /Value '0' at 'healthCheckConfig\.failureThreshold' failed to satisfy constraint: Member must have value greater than or equal to 1/,
    );
    expect(refusal({ failureThreshold: 11 })).toMatch(/Value '11' at .* less than or equal to 10/);
  });

  it("refuse fewer than 3 checker regions", () => {
    expect(refusal({ regions: ["us-east-1", "eu-west-1"] })).toMatch(
      /Value '\[us-east-1, eu-west-1\]' at 'healthCheckConfig\.regions' failed to satisfy constraint: Member must have length greater than or equal to 3/,
    );
  });

  it("refuse a checker region Route 53 does not run checkers in", () => {
    expect(refusal({ regions: ["us-east-1", "eu-west-1", "eu-central-1"] })).toMatch(
      /Value 'eu-central-1' at 'healthCheckConfig\.regions\.3\.member' failed to satisfy constraint: Member must satisfy enum value set: \[us-east-1, us-west-1, us-west-2, eu-west-1, ap-southeast-1, ap-southeast-2, ap-northeast-1, sa-east-1\]/,
    );
  });

  it("refuse a search string longer than 255 characters", () => {
    expect(refusal({ searchString: "x".repeat(256) })).toMatch(
      /at 'healthCheckConfig\.searchString' failed to satisfy constraint: Member must have length less than or equal to 255/,
    );
  });

  it("refuse a string-match type without a search string, and a search string on a plain type", () => {
    expect(refusal({ searchString: undefined })).toMatch(/search_string is required for HTTPS_STR_MATCH/);
    expect(refusal({ type: "HTTPS" })).toMatch(
      /search_string is only valid for HTTP_STR_MATCH and HTTPS_STR_MATCH/,
    );
  });

  it("refuse an unknown type, an HTTP(S) check without a target, and a path without a leading slash", () => {
    expect(refusal({ type: "HTTP2" })).toMatch(
      /Value 'HTTP2' at 'healthCheckConfig\.type' failed to satisfy constraint: Member must satisfy enum value set: \[HTTP, HTTPS,/,
    );
    expect(refusal({ fqdn: undefined })).toMatch(/needs fqdn or ip_address/);
    expect(refusal({ resourcePath: "health" })).toMatch(/resource_path must start with \/, got health/);
  });
});

// Route 53 API Reference, HealthCheckConfig (docs/aws-facts.md "Drain with an always-unhealthy check").
describe("strict mocks: CALCULATED health checks", () => {
  /** A CALCULATED check over one child that exists in the same account; tests change one property. */
  const calculatedRefusal = (overrides: Record<string, unknown>) => {
    const account = mockAccount();
    const child = account.create(HEALTH_CHECK, httpsHealthCheck({}), { name: "child" });
    return account.refusal(HEALTH_CHECK, {
      type: "CALCULATED",
      childHealthchecks: [child],
      childHealthThreshold: 2,
      ...overrides,
    });
  };

  it("accept the drain check FailoverDns creates, and the edges of the threshold range", () => {
    expect(calculatedRefusal({})).toBeUndefined();
    expect(calculatedRefusal({ childHealthThreshold: 0 })).toBeUndefined();
    expect(calculatedRefusal({ childHealthThreshold: 256 })).toBeUndefined();
  });

  it("refuse a threshold outside 0-256", () => {
    expect(calculatedRefusal({ childHealthThreshold: 257 })).toMatch(
      /Value '257' at 'healthCheckConfig\.healthThreshold' failed to satisfy constraint: Member must have value less than or equal to 256/,
    );
    expect(calculatedRefusal({ childHealthThreshold: -1 })).toMatch(
      /Value '-1' at .* greater than or equal to 0/,
    );
  });

  it("require children, and children that exist already", () => {
    expect(calculatedRefusal({ childHealthchecks: undefined })).toMatch(
      /child_healthchecks is required for a CALCULATED health check/,
    );
    expect(calculatedRefusal({ childHealthchecks: [] })).toMatch(/child_healthchecks is required/);
    expect(calculatedRefusal({ childHealthchecks: ["not-yet-created"] })).toMatch(
      /NoSuchHealthCheck: .* not-yet-created/,
    );
  });

  it("refuse an endpoint's fields on a CALCULATED check, and children on an endpoint check", () => {
    expect(calculatedRefusal({ port: 443 })).toMatch(/monitors other health checks; omit port/);
    expect(calculatedRefusal({ fqdn: "us-east-1.api.example.com" })).toMatch(/omit fqdn/);
    expect(refusal({ childHealthThreshold: 1 })).toMatch(
      /child_healthchecks and child_health_threshold apply only to CALCULATED, not HTTPS_STR_MATCH/,
    );
  });
});
