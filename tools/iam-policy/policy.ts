/**
 * A least-privilege IAM policy for deploying a stack: the actions of every resource type and lookup the
 * program registers for it (./actions), one statement per service, limited to the regions the stack uses
 * (`aws:RequestedRegion`; IAM and Route 53 are global and answer as us-east-1).
 */
import { ACTIONS_BY_INVOKE, ACTIONS_BY_TYPE, NO_AWS_CALLS } from "./actions";

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly {
    readonly Sid: string;
    readonly Effect: "Allow";
    readonly Action: readonly string[];
    readonly Resource: "*";
    readonly Condition: { readonly StringEquals: { readonly "aws:RequestedRegion": readonly string[] } };
  }[];
}

export class UnmappedTypeError extends Error {
  override name = "UnmappedTypeError";
}

// Global services whose requests are signed for us-east-1 (IAM User Guide, aws:RequestedRegion); STS is
// called on its regional endpoint by the provider, so it stays regional.
const GLOBAL_SERVICES = new Set(["iam", "route53"]);

export function deployPolicy(
  registered: { readonly types: readonly string[]; readonly invokes: readonly string[] },
  regions: readonly string[],
): PolicyDocument {
  const unmapped = [
    ...registered.types.filter((type) => !NO_AWS_CALLS(type) && ACTIONS_BY_TYPE[type] === undefined),
    ...registered.invokes.filter(
      (token) => ACTIONS_BY_INVOKE[token] === undefined && !token.startsWith("aws:index/"),
    ),
  ];
  if (unmapped.length > 0) {
    throw new UnmappedTypeError(
      `no IAM actions known for ${[...new Set(unmapped)].join(", ")}: add them to tools/iam-policy/actions.ts with their source`,
    );
  }
  const actions = new Set([
    ...registered.types.flatMap((type) => ACTIONS_BY_TYPE[type] ?? []),
    ...registered.invokes.flatMap((token) => ACTIONS_BY_INVOKE[token] ?? []),
  ]);
  const byService = new Map<string, string[]>();
  for (const action of [...actions].sort()) {
    const service = action.slice(0, action.indexOf(":"));
    byService.set(service, [...(byService.get(service) ?? []), action]);
  }
  const allRegions = [...new Set(["us-east-1", ...regions])].sort();
  return {
    Version: "2012-10-17",
    Statement: [...byService].map(([service, serviceActions]) => ({
      Sid: service.replace(/[^a-z0-9]/gi, "").replace(/^./, (c) => c.toUpperCase()),
      Effect: "Allow",
      Action: serviceActions,
      Resource: "*",
      Condition: {
        StringEquals: { "aws:RequestedRegion": GLOBAL_SERVICES.has(service) ? ["us-east-1"] : allRegions },
      },
    })),
  };
}
