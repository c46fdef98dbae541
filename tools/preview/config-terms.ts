/**
 * Policy results in the user's terms. The pack judges resource properties (it must stay usable with any
 * program), but the person reading `npm run preview` wrote stack config: for each diagnostic this program's
 * config can cause, name the config key and its value, what the pack allows, and the pack setting that
 * would allow it. Where the pack is stricter than AWS, AWS's own range is named too.
 */
import type { StackConfig } from "../../config";
import {
  ALIAS_TO_AWS_RESOURCE_TTL_SECONDS,
  FAILURE_THRESHOLD_MAX,
  FAILURE_THRESHOLD_MIN,
  HEALTH_CHECK_TIMEOUT_ALLOWANCE_SECONDS,
} from "@multi-region-api/model/route53/knowledge";
import type { Diagnostic, PolicyConfig } from "../policy-harness";

/** A diagnostic with, when this program's config caused it, the config keys and a sentence about them. */
export interface ExplainedDiagnostic extends Diagnostic {
  readonly configKeys?: readonly string[];
  readonly inConfigTerms?: string;
}

interface Explanation {
  readonly configKeys: readonly string[];
  readonly inConfigTerms: string;
}

type Explainer = (
  diagnostic: Diagnostic,
  config: StackConfig,
  setting: (name: string) => number,
) => Explanation | undefined;

/** The TTL the failover records answer with, as the user configured it. */
function ttlInConfigTerms(config: StackConfig): { readonly seconds: number; readonly text: string } {
  return config.dns.recordKind === "cname"
    ? { seconds: config.dns.ttl, text: `dns.ttl ${config.dns.ttl} s` }
    : {
        seconds: ALIAS_TO_AWS_RESOURCE_TTL_SECONDS,
        text: `${ALIAS_TO_AWS_RESOURCE_TTL_SECONDS} s (dns.recordKind alias: API Gateway's fixed TTL)`,
      };
}

const EXPLAINERS: Readonly<Record<string, Explainer>> = {
  "health-check-https": (diagnostic, config, setting) => {
    if (!/failureThreshold is \d+/.test(diagnostic.message)) return undefined;
    const max = Math.min(setting("maxFailureThreshold"), FAILURE_THRESHOLD_MAX);
    return {
      configKeys: ["healthCheck.failureThreshold"],
      inConfigTerms:
        `healthCheck.failureThreshold is ${config.healthCheck.failureThreshold}; the pack allows ` +
        `${FAILURE_THRESHOLD_MIN}–${max}: health-check-https maxFailureThreshold ` +
        `(AWS accepts ${FAILURE_THRESHOLD_MIN}–${FAILURE_THRESHOLD_MAX}).`,
    };
  },
  "failover-record-low-ttl": (diagnostic, config, setting) => {
    if (!/ttl \d+ s|fixed \d+ s/.test(diagnostic.message)) return undefined;
    const max = setting("maxTtlSeconds");
    const ttl = ttlInConfigTerms(config);
    const instead =
      config.dns.recordKind === "alias"
        ? `; or set dns.recordKind cname with a dns.ttl of at most ${max} s`
        : "";
    return {
      configKeys: config.dns.recordKind === "cname" ? ["dns.ttl"] : ["dns.recordKind"],
      inConfigTerms:
        `the failover records answer with ${ttl.text}; the pack allows at most ${max} s: ` +
        `failover-record-low-ttl maxTtlSeconds (AWS accepts a CNAME TTL of 0–172800 s)${instead}.`,
    };
  },
  "failover-rto-budget": (_diagnostic, config, setting) => {
    const { requestInterval, failureThreshold } = config.healthCheck;
    const ttl = ttlInConfigTerms(config);
    const total = requestInterval * failureThreshold + HEALTH_CHECK_TIMEOUT_ALLOWANCE_SECONDS + ttl.seconds;
    return {
      configKeys: [
        "healthCheck.requestInterval",
        "healthCheck.failureThreshold",
        ...(config.dns.recordKind === "cname" ? ["dns.ttl"] : []),
      ],
      inConfigTerms:
        `healthCheck.requestInterval ${requestInterval} s × healthCheck.failureThreshold ${failureThreshold} ` +
        `+ ${HEALTH_CHECK_TIMEOUT_ALLOWANCE_SECONDS} s timeouts + ${ttl.text} = ${total} s; the pack allows at most ` +
        `${setting("maxFailoverSeconds")} s: failover-rto-budget maxFailoverSeconds.`,
    };
  },
  "health-check-drained": (diagnostic, config) => {
    const region = config.drainedRegions.find((name) => diagnostic.message.includes(name));
    return region === undefined || !diagnostic.message.includes("inverted")
      ? undefined
      : {
          configKeys: ["drainedRegions"],
          inConfigTerms: `drainedRegions lists ${region}; remove it to send failover traffic there again.`,
        };
  },
};

/** Each diagnostic, with the config keys behind it when the explainer for its policy recognises it. */
export function explainInConfigTerms(
  diagnostics: readonly Diagnostic[],
  config: StackConfig,
  policyConfig: PolicyConfig,
): ExplainedDiagnostic[] {
  return diagnostics.map((diagnostic) => {
    const properties = policyConfig[diagnostic.policyName]?.properties ?? {};
    const setting = (name: string) => Number(properties[name]);
    const explanation = EXPLAINERS[diagnostic.policyName]?.(diagnostic, config, setting);
    return explanation ? { ...diagnostic, ...explanation } : diagnostic;
  });
}
