import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { WAF_RATE_WINDOW_SECONDS } from "@multi-region-api/model/limits/edge-limits";

/** The AWS managed rule groups every region's web ACL runs (AWS WAF DG, baseline rule groups). */
export const MANAGED_RULE_GROUPS = [
  "AWSManagedRulesCommonRuleSet",
  "AWSManagedRulesKnownBadInputsRuleSet",
] as const;

export interface WebAclArgs {
  /** The stage to protect; the web ACL is associated with it. */
  readonly stage: aws.apigateway.Stage;
  /** Requests from one client IP in 5 minutes before the rate-based rule blocks that IP. */
  readonly requestsPer5Minutes: number;
  /** The health route Route 53 calls; see `exceptHealthRoute`. */
  readonly healthCheckPath: string;
}

/** CloudWatch metrics and sampled requests for the ACL and each rule, named after it. */
function visibility(metricName: string) {
  return { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

/**
 * The core rule set blocks requests without a User-Agent (its NoUserAgent_HEADER rule), and AWS does not
 * document the headers Route 53's health checkers send, so that group skips the health route: a health
 * check must never be failed by the firewall in front of it. The route takes no input (GET, no path or
 * query parameters), so the rate-based rule and the known-bad-inputs group still cover it.
 */
function exceptHealthRoute(path: string) {
  return {
    notStatement: {
      statement: {
        byteMatchStatement: {
          searchString: path,
          positionalConstraint: "EXACTLY",
          fieldToMatch: { uriPath: {} },
          textTransformations: [{ priority: 0, type: "NONE" }],
        },
      },
    },
  };
}

/**
 * A REGIONAL web ACL in front of one region's stage: a rate-based rule per client IP first (cheap, and it
 * stops floods before the managed groups inspect them), then the AWS core rule set and known bad inputs.
 * Everything else is allowed; API Gateway's authorizer decides who may call what.
 */
export function createWebAcl(name: string, args: WebAclArgs, parent: pulumi.Resource): aws.wafv2.WebAcl {
  const opts = { parent };
  const managedRules = MANAGED_RULE_GROUPS.map((group, index) => ({
    name: group,
    priority: index + 1,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: "AWS",
        name: group,
        scopeDownStatement:
          group === "AWSManagedRulesCommonRuleSet" ? exceptHealthRoute(args.healthCheckPath) : undefined,
      },
    },
    visibilityConfig: visibility(`${name}-${group}`),
  }));
  const webAcl = new aws.wafv2.WebAcl(
    name,
    {
      scope: "REGIONAL",
      description: "Rate limit per client IP and AWS managed rules in front of the API stage.",
      defaultAction: { allow: {} },
      rules: [
        {
          name: "rate-per-client-ip",
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: args.requestsPer5Minutes,
              aggregateKeyType: "IP",
              evaluationWindowSec: WAF_RATE_WINDOW_SECONDS,
            },
          },
          visibilityConfig: visibility(`${name}-rate-per-client-ip`),
        },
        ...managedRules,
      ],
      visibilityConfig: visibility(name),
    },
    opts,
  );
  new aws.wafv2.WebAclAssociation(
    `${name}-stage`,
    { resourceArn: args.stage.arn, webAclArn: webAcl.arn },
    opts,
  );
  return webAcl;
}
