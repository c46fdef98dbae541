/**
 * api-method-authorization and api-stage-waf, through the real analyzer: the passing API, one failing
 * change per property, preview unknowns, and the relaxation a stack with `auth.mode: none` must make.
 */
import { describe, expect, it } from "vitest";
import { AnalyzedResource, JsonObject, UNKNOWN } from "../../tools/policy-harness";
import { apiStack, unlinked } from "./api-fixtures";
import {
  analyzeLikeTheCli,
  byPolicy,
  describeDiagnostics,
  healthCheck,
  mandatory,
  PACK_RUNS,
  usePack,
} from "./fixtures";

describe.each(PACK_RUNS)("through %s", (run) => {
  const pack = usePack(run);

  async function violations(policyName: string, resources: readonly AnalyzedResource[]) {
    return byPolicy(await analyzeLikeTheCli(pack, resources), policyName);
  }

  describe("the API as RegionalApi builds it", () => {
    it.each([
      ["with every value known", false],
      ["in a preview, with unknown IDs and ARNs", true],
    ])("passes every policy %s", async (_label, preview) => {
      expect(describeDiagnostics(await analyzeLikeTheCli(pack, apiStack({ preview })))).toEqual([]);
    });
  });

  describe("api-method-authorization", () => {
    const policy = "api-method-authorization";

    it.each<[string, JsonObject, string]>([
      [
        "a /v1 method open to anyone",
        { authorization: "NONE", authorizerId: undefined },
        "has authorization NONE: anyone can call it",
      ],
      [
        "a /v1 method with no authorization at all",
        { authorization: undefined, authorizerId: undefined },
        "has authorization unset",
      ],
      [
        "a /v1 method on IAM (SigV4)",
        { authorization: "AWS_IAM", authorizerId: undefined },
        "IAM signatures name one region",
      ],
      [
        "a CUSTOM method without an authorizerId",
        { authorizerId: undefined },
        "has authorization CUSTOM but no authorizerId",
      ],
    ])("reports %s as mandatory", async (_label, change, message) => {
      const found = await violations(policy, apiStack({ users: change }));
      expect(found.map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
      expect(found[0].message).toContain("ANY /v1/users");
      expect(found[0].message).toContain(message);
    });

    it("reports an authorizer on the health route: Route 53 sends no credentials", async () => {
      const found = await violations(
        policy,
        apiStack({ health: { authorization: "CUSTOM", authorizerId: "auth1" } }),
      );
      expect(found).toHaveLength(1);
      expect(found[0].message).toContain("ANY /health (");
      expect(found[0].message).toContain("is the route Route 53's health checks call");
    });

    it("exempts only the path a health check calls: another open path is reported", async () => {
      const stack = apiStack().map((item) =>
        item.type === "aws:route53/healthCheck:HealthCheck"
          ? healthCheck("us-east-1", { resourcePath: "/status" })
          : item,
      );
      const found = await violations(policy, stack);
      expect(found.map((v) => v.message).join("\n")).toContain("ANY /health (");
      expect(found).toHaveLength(1);
    });

    it("without any health check in the stack, an open health method is reported too", async () => {
      const stack = apiStack().filter((item) => item.type !== "aws:route53/healthCheck:HealthCheck");
      expect(await violations(policy, stack)).toHaveLength(1);
    });

    it("reports an open method whose resource it cannot place (a literal resourceId)", async () => {
      const stack = apiStack({ users: { authorization: "NONE", authorizerId: undefined } });
      const found = await violations(
        policy,
        stack.map((item) => (item.name === "api-us-east-1-api-users-any" ? unlinked(item) : item)),
      );
      expect(found[0].message).toContain("ANY (path not known)");
    });

    it("in a preview, an unknown authorizerId counts as set and an unknown authorization is skipped", async () => {
      expect(
        await violations(policy, apiStack({ preview: true, users: { authorization: UNKNOWN } })),
      ).toEqual([]);
      expect(await violations(policy, apiStack({ preview: true }))).toEqual([]);
    });

    it("a stack that chose auth.mode none passes only when its pack config relaxes the policy", async () => {
      const open = apiStack({ users: { authorization: "NONE", authorizerId: undefined } });
      expect(mandatory(await violations(policy, open))).toHaveLength(1);
      await pack.configure({ [policy]: { enforcementLevel: "disabled" } });
      expect(await violations(policy, open)).toEqual([]);
      await pack.configure({ [policy]: { enforcementLevel: "advisory" } });
      expect((await violations(policy, open)).map((v) => v.enforcementLevel)).toEqual(["advisory"]);
    });
  });

  describe("api-stage-waf", () => {
    const policy = "api-stage-waf";

    it("reports a stage without a web ACL association, as mandatory", async () => {
      const found = await violations(policy, apiStack({ withoutWaf: true }));
      expect(found.map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
      expect(found[0].message).toContain("Stage live has no web ACL");
    });

    it("reports a stage whose association protects another stage's ARN", async () => {
      const stack = apiStack({
        association: { resourceArn: "arn:aws:apigateway:us-east-1::/restapis/other/stages/live" },
      });
      const found = await violations(
        policy,
        stack.map((item) => (item.name === "api-us-east-1-waf-stage" ? unlinked(item) : item)),
      );
      expect(found).toHaveLength(1);
    });

    it("matches an association to its stage by ARN when no dependency links them", async () => {
      const stack = apiStack().map((item) =>
        item.name === "api-us-east-1-waf-stage" ? unlinked(item) : item,
      );
      expect(await violations(policy, stack)).toEqual([]);
    });

    it("in a preview, links the association to the stage by property dependency", async () => {
      expect(await violations(policy, apiStack({ preview: true }))).toEqual([]);
      expect(await violations(policy, apiStack({ preview: true, withoutWaf: true }))).toHaveLength(1);
    });

    it("in a preview, waits when an association's target is unknown and linked to nothing", async () => {
      const stack = apiStack({ preview: true }).map((item) =>
        item.name === "api-us-east-1-waf-stage" ? unlinked(item) : item,
      );
      expect(await violations(policy, stack)).toEqual([]);
    });
  });
});
