import * as pulumi from "@pulumi/pulumi";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ConfigError } from "../../config";
import { runWithMocks } from "../../tools/stack-runner";
import { MINIMAL_CONFIG } from "../support/stacks";

/** Pulumi hands the program its config as strings: JSON text for anything structured. */
function setStackConfig(values: Record<string, unknown>): void {
  pulumi.runtime.setAllConfig(
    Object.fromEntries(
      Object.entries(values).map(([key, value]) => [
        `multi-region-api:${key}`,
        typeof value === "string" ? value : JSON.stringify(value),
      ]),
    ),
  );
}

describe("index.ts, the program `pulumi up` runs", () => {
  beforeEach(() => {
    // index.ts runs at import: import it afresh for each config.
    vi.resetModules();
  });

  it("reads the namespaced stack config, builds the stack and exports its outputs", async () => {
    setStackConfig({
      domainName: "api.example.com",
      hostedZoneName: "example.com",
      regions: ["us-east-1", "eu-west-1", "ap-southeast-2"],
      auth: MINIMAL_CONFIG.auth,
      healthCheck: { requestInterval: 10, failureThreshold: 2 },
      alarmEmail: "oncall@example.com",
    });
    const run = await runWithMocks(() => import("../../index.js"));
    const program = run.outputs;
    expect(program.url).toBe("https://api.example.com");
    expect(program.failoverOrder).toEqual(["us-east-1", "eu-west-1", "ap-southeast-2"]);
    // 10 s × 2 + 6 s + 60 s.
    expect(program.failoverTimeSeconds).toBe(86);
    expect(program.intermediateNames).toEqual(["failover-1.api.example.com"]);
    const subscription = run.registrations.find(
      (r) => r.type === "aws:sns/topicSubscription:TopicSubscription",
    );
    expect(subscription?.inputs).toMatchObject({ protocol: "email", endpoint: "oncall@example.com" });
    expect(subscription?.region).toBe("us-east-1");
  });

  it("stops on a bad config value before any resource is registered", async () => {
    setStackConfig({
      domainName: "api.example.com",
      hostedZoneName: "example.com",
      regions: ["us-east-1", "eu-west-1"],
      auth: MINIMAL_CONFIG.auth,
      healthCheck: { requestInterval: 45 },
    });
    const run = runWithMocks(() => import("../../index.js"));
    // A fresh import of index.ts brings a fresh ConfigError class: compare by name, not by instanceof.
    await expect(run).rejects.toMatchObject({ name: ConfigError.name });
    await expect(run).rejects.toThrow("multi-region-api:healthCheck.requestInterval: must be one of 10, 30");
  });

  it("names the key whose JSON is broken", async () => {
    pulumi.runtime.setAllConfig({
      "multi-region-api:domainName": "api.example.com",
      "multi-region-api:hostedZoneName": "example.com",
      "multi-region-api:regions": '["us-east-1", "eu-west-1"',
    });
    await expect(runWithMocks(() => import("../../index.js"))).rejects.toThrow(
      "multi-region-api:regions: is not valid JSON",
    );
  });
});
