/**
 * The pack's policies behind the same `PolicyPackClient` interface as the real analyzer process, but run in
 * the test process (tests/support/policy-in-process.ts builds each policy's arguments as @pulumi/policy's
 * server does). The gRPC tests run their cases through both: the process shows the pack works as the CLI
 * runs it, and the in-process run lets coverage and mutation testing see the policy code.
 *
 * Diagnostics are shaped as the server shapes them (server.js `makeReportViolationFun`): the message is the
 * policy's description, a newline and what the policy reported; an unknown value read in a preview is one
 * advisory "can't run policy … during preview" note.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { POLICIES } from "../../policy-pack/policies";
import type {
  AnalyzedResource,
  AnalyzerInfo,
  Diagnostic,
  EnforcementLevel,
  PolicyConfig,
  PolicyPackClient,
} from "../../tools/policy-harness";
import { runResourcePolicy, runStackPolicy, type Finding } from "./policy-in-process";
import { REPO_ROOT } from "./stacks";

const PACK_DIR = join(REPO_ROOT, "policy-pack");
const PACK = JSON.parse(readFileSync(join(PACK_DIR, "package.json"), "utf8")) as {
  name: string;
  version: string;
  description: string;
};
/** The pack sets no enforcement level of its own, so a policy without one is advisory (@pulumi/policy). */
const PACK_LEVEL: EnforcementLevel = "advisory";

type Policy = ResourceValidationPolicy | StackValidationPolicy;

const isStackPolicy = (policy: Policy): policy is StackValidationPolicy => "validateStack" in policy;

function infoOf(): AnalyzerInfo {
  return {
    name: PACK.name,
    version: PACK.version,
    description: PACK.description,
    supportsConfig: true,
    policies: POLICIES.map((policy) => ({
      name: policy.name,
      description: policy.description,
      enforcementLevel: (policy.enforcementLevel ?? PACK_LEVEL) as EnforcementLevel,
      policyType: isStackPolicy(policy) ? "stack" : "resource",
    })),
  };
}

export function inProcessPolicyPack(): PolicyPackClient {
  const info = infoOf();
  let config: PolicyConfig = {};

  /** A policy's config as its `getConfig` and level see it: the configured level, else its own. */
  const configOf = (policy: Policy) => {
    const entry = config[policy.name];
    return {
      ...(entry?.properties ?? {}),
      enforcementLevel: entry?.enforcementLevel ?? policy.enforcementLevel ?? PACK_LEVEL,
    };
  };
  const toDiagnostic = (policy: Policy, finding: Finding, defaultUrn: string): Diagnostic => ({
    policyName: policy.name,
    policyPackName: info.name,
    policyPackVersion: info.version,
    enforcementLevel: finding.enforcementLevel as EnforcementLevel,
    message: finding.message.startsWith("can't run policy")
      ? finding.message.replace(
          `can't run policy '${policy.name}'`,
          `can't run policy '${policy.name}' from policy pack '${info.name}@v${info.version}'`,
        )
      : `${policy.description}\n${finding.message}`,
    urn: finding.urn || defaultUrn,
    description: policy.description,
  });

  return {
    info: () => info,
    configure: (next) => {
      config = next;
      return Promise.resolve();
    },
    // Stack tags are the only thing the server keeps from ConfigureStack, and no policy reads them.
    configureStack: () => Promise.resolve(),
    analyze: async (resource: AnalyzedResource) => {
      const diagnostics: Diagnostic[] = [];
      for (const policy of POLICIES) {
        if (isStackPolicy(policy)) continue;
        const findings = await runResourcePolicy(policy, [resource], configOf(policy));
        diagnostics.push(...findings.map((finding) => toDiagnostic(policy, finding, resource.urn)));
      }
      return diagnostics;
    },
    analyzeStack: async (resources) => {
      const diagnostics: Diagnostic[] = [];
      for (const policy of POLICIES) {
        if (!isStackPolicy(policy)) continue;
        const findings = await runStackPolicy(policy, resources, configOf(policy));
        diagnostics.push(...findings.map((finding) => toDiagnostic(policy, finding, "")));
      }
      return diagnostics;
    },
    stderr: () => "",
    pid: process.pid,
    close: () => Promise.resolve(),
  };
}
