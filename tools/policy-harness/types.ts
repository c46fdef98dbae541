/**
 * The harness's plain-data view of the analyzer protocol (pulumi/analyzer.proto): what goes in (resources,
 * policy config) and what comes out (diagnostics, pack info), free of protobuf classes.
 */

/**
 * The string the engine sends for every value that is unknown during preview (the Pulumi CLI marshals all
 * unknowns, whatever their type, as this string sentinel).
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** JSON as it crosses the protocol in a protobuf Struct; the unknown sentinel is just a string. */
export type JsonValue =
  string | number | boolean | null | undefined | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface ResourceOptions {
  readonly protect?: boolean;
  readonly ignoreChanges?: readonly string[];
  readonly deleteBeforeReplace?: boolean;
  readonly aliases?: readonly string[];
  readonly additionalSecretOutputs?: readonly string[];
  readonly customTimeouts?: { readonly create?: number; readonly update?: number; readonly delete?: number };
  readonly parent?: string;
}

export interface ProviderResource {
  readonly name: string;
  /** e.g. "pulumi:providers:aws". */
  readonly type: string;
  readonly urn: string;
  readonly properties: JsonObject;
}

/** One resource as the engine describes it to a policy pack. */
export interface AnalyzedResource {
  /** e.g. "aws:route53/record:Record". */
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** Inputs (Analyze) or outputs/inputs (AnalyzeStack), camelCase as the SDK registered them. */
  readonly properties: JsonObject;
  readonly options?: ResourceOptions;
  readonly provider?: ProviderResource;
  /** Parent URN (AnalyzeStack only). */
  readonly parent?: string;
  /** URNs this resource depends on (AnalyzeStack only). */
  readonly dependencies?: readonly string[];
  /** Property name → URNs that property's value came from (AnalyzeStack only), e.g. { zoneId: [zoneUrn] }. */
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

export interface Diagnostic {
  readonly policyName: string;
  readonly policyPackName: string;
  readonly policyPackVersion: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly message: string;
  /** The resource the violation is about; for Analyze the harness fills in the analyzed resource's URN. */
  readonly urn: string;
  readonly description: string;
}

export interface PolicyConfigSchema {
  readonly properties: JsonObject;
  readonly required: readonly string[];
}

export interface PolicyInfo {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly policyType: "resource" | "stack" | "unknown";
  readonly configSchema?: PolicyConfigSchema;
}

export interface AnalyzerInfo {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly supportsConfig: boolean;
  readonly policies: readonly PolicyInfo[];
}

/** Per-policy config as the CLI sends it in `Configure`: enforcement level and the policy's properties. */
export interface PolicyConfigEntry {
  readonly enforcementLevel?: EnforcementLevel;
  readonly properties?: JsonObject;
}
export type PolicyConfig = Readonly<Record<string, PolicyConfigEntry>>;

/**
 * A `--policy-pack-config` file's content: per policy an enforcement level, or an object with an optional
 * `enforcementLevel` and the policy's properties; the key "all" sets the level of every policy.
 */
export type PolicyConfigFile = Readonly<
  Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & JsonObject)>
>;

export interface StackConfiguration {
  readonly stack: string;
  readonly project: string;
  readonly organization?: string;
  readonly dryRun?: boolean;
  readonly config?: Readonly<Record<string, string>>;
  readonly tags?: Readonly<Record<string, string>>;
}
