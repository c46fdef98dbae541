/**
 * Protobuf modules of the analyzer protocol, and conversions between them and the harness's plain data.
 *
 * The message classes come from @pulumi/pulumi's generated code, as the policy server's do. gRPC and
 * google-protobuf are loaded from where those generated modules load them, so the client, its credentials
 * and the Struct messages are the very copies the generated code checks against.
 */
import { createRequire } from "node:module";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as emptyTypes from "google-protobuf/google/protobuf/empty_pb";
import type * as structTypes from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type {
  AnalyzedResource,
  AnalyzerInfo,
  Diagnostic,
  EnforcementLevel,
  JsonObject,
  JsonValue,
  PolicyConfig,
  PolicyInfo,
  ResourceOptions,
  StackConfiguration,
} from "./types";

const requireFromPulumiProto = createRequire(require.resolve("@pulumi/pulumi/proto/analyzer_pb"));
export const grpc = requireFromPulumiProto("@grpc/grpc-js") as typeof grpcTypes;
const { Struct } = requireFromPulumiProto("google-protobuf/google/protobuf/struct_pb") as typeof structTypes;
const { Empty } = requireFromPulumiProto("google-protobuf/google/protobuf/empty_pb") as typeof emptyTypes;

export { analyzerGrpc, analyzerPb, Empty };

const LEVEL_TO_PROTO: Record<EnforcementLevel, analyzerPb.EnforcementLevel> = {
  advisory: analyzerPb.EnforcementLevel.ADVISORY,
  mandatory: analyzerPb.EnforcementLevel.MANDATORY,
  remediate: analyzerPb.EnforcementLevel.REMEDIATE,
  disabled: analyzerPb.EnforcementLevel.DISABLED,
};

export function enforcementLevelFromProto(level: analyzerPb.EnforcementLevel): EnforcementLevel {
  const found = (Object.keys(LEVEL_TO_PROTO) as EnforcementLevel[]).find(
    (name) => LEVEL_TO_PROTO[name] === level,
  );
  if (!found) {
    throw new Error(`Unknown enforcement level ${level} in an analyzer response.`);
  }
  return found;
}

export function enforcementLevelToProto(level: EnforcementLevel): analyzerPb.EnforcementLevel {
  return LEVEL_TO_PROTO[level];
}

/** Drops `undefined` (a Struct has no such value; the engine leaves such properties out). */
function withoutUndefined(value: JsonValue): JsonValue {
  if (Array.isArray(value)) {
    return value.map((item) => (item === undefined ? null : withoutUndefined(item)));
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, withoutUndefined(item)]),
    );
  }
  return value;
}

export function toStruct(object: JsonObject): structTypes.Struct {
  return Struct.fromJavaScript(withoutUndefined(object) as Record<string, structTypes.JavaScriptValue>);
}

function optionsToProto(options: ResourceOptions = {}): analyzerPb.AnalyzerResourceOptions {
  // The policy server refuses a request without options (it takes that for an old CLI): always send them.
  const proto = new analyzerPb.AnalyzerResourceOptions();
  proto.setProtect(options.protect ?? false);
  proto.setIgnorechangesList([...(options.ignoreChanges ?? [])]);
  proto.setDeletebeforereplacedefined(options.deleteBeforeReplace !== undefined);
  proto.setDeletebeforereplace(options.deleteBeforeReplace ?? false);
  proto.setAliasesList([...(options.aliases ?? [])]);
  proto.setAdditionalsecretoutputsList([...(options.additionalSecretOutputs ?? [])]);
  if (options.customTimeouts) {
    const timeouts = new analyzerPb.AnalyzerResourceOptions.CustomTimeouts();
    timeouts.setCreate(options.customTimeouts.create ?? 0);
    timeouts.setUpdate(options.customTimeouts.update ?? 0);
    timeouts.setDelete(options.customTimeouts.delete ?? 0);
    proto.setCustomtimeouts(timeouts);
  }
  if (options.parent) {
    proto.setParent(options.parent);
  }
  return proto;
}

function providerToProto(resource: AnalyzedResource): analyzerPb.AnalyzerProviderResource | undefined {
  if (!resource.provider) {
    return undefined;
  }
  const proto = new analyzerPb.AnalyzerProviderResource();
  proto.setName(resource.provider.name);
  proto.setType(resource.provider.type);
  proto.setUrn(resource.provider.urn);
  proto.setProperties(toStruct(resource.provider.properties));
  return proto;
}

export function analyzeRequest(resource: AnalyzedResource): analyzerPb.AnalyzeRequest {
  const request = new analyzerPb.AnalyzeRequest();
  request.setType(resource.type);
  request.setName(resource.name);
  request.setUrn(resource.urn);
  request.setProperties(toStruct(resource.properties));
  request.setOptions(optionsToProto(resource.options));
  request.setProvider(providerToProto(resource));
  return request;
}

function stackResourceToProto(resource: AnalyzedResource): analyzerPb.AnalyzerResource {
  const proto = new analyzerPb.AnalyzerResource();
  proto.setType(resource.type);
  proto.setName(resource.name);
  proto.setUrn(resource.urn);
  proto.setProperties(toStruct(resource.properties));
  proto.setOptions(optionsToProto({ parent: resource.parent, ...resource.options }));
  proto.setProvider(providerToProto(resource));
  proto.setParent(resource.parent ?? "");
  proto.setDependenciesList([...(resource.dependencies ?? [])]);
  const propertyDependencies = proto.getPropertydependenciesMap();
  for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
    const dependencies = new analyzerPb.AnalyzerPropertyDependencies();
    dependencies.setUrnsList([...urns]);
    propertyDependencies.set(property, dependencies);
  }
  return proto;
}

export function analyzeStackRequest(resources: readonly AnalyzedResource[]): analyzerPb.AnalyzeStackRequest {
  const request = new analyzerPb.AnalyzeStackRequest();
  request.setResourcesList(resources.map(stackResourceToProto));
  return request;
}

export function configureRequest(config: PolicyConfig, levels: ReadonlyMap<string, EnforcementLevel>) {
  const request = new analyzerPb.ConfigureAnalyzerRequest();
  const map = request.getPolicyconfigMap();
  for (const [policyName, entry] of Object.entries(config)) {
    const proto = new analyzerPb.PolicyConfig();
    // The proto's default level is ADVISORY (0): an entry without a level would quietly demote a mandatory
    // policy. The CLI always sends the level it resolved, so the harness sends the pack's own as default.
    const level = entry.enforcementLevel ?? levels.get(policyName) ?? "advisory";
    proto.setEnforcementlevel(enforcementLevelToProto(level));
    proto.setProperties(toStruct(entry.properties ?? {}));
    map.set(policyName, proto);
  }
  return request;
}

export function configureStackRequest(stack: StackConfiguration): analyzerPb.AnalyzerStackConfigureRequest {
  const request = new analyzerPb.AnalyzerStackConfigureRequest();
  request.setStack(stack.stack);
  request.setProject(stack.project);
  request.setOrganization(stack.organization ?? "");
  request.setDryRun(stack.dryRun ?? true);
  Object.entries(stack.config ?? {}).forEach(([key, value]) => request.getConfigMap().set(key, value));
  Object.entries(stack.tags ?? {}).forEach(([key, value]) => request.getTagsMap().set(key, value));
  return request;
}

export function diagnosticsFrom(response: analyzerPb.AnalyzeResponse, defaultUrn: string): Diagnostic[] {
  return response.getDiagnosticsList().map((diagnostic) => ({
    policyName: diagnostic.getPolicyname(),
    policyPackName: diagnostic.getPolicypackname(),
    policyPackVersion: diagnostic.getPolicypackversion(),
    enforcementLevel: enforcementLevelFromProto(diagnostic.getEnforcementlevel()),
    message: diagnostic.getMessage(),
    // A resource policy reports without a URN; the engine attributes it to the analyzed resource.
    urn: diagnostic.getUrn() || defaultUrn,
    description: diagnostic.getDescription(),
  }));
}

function policyTypeFrom(type: analyzerPb.PolicyType): PolicyInfo["policyType"] {
  switch (type) {
    case analyzerPb.PolicyType.POLICY_TYPE_RESOURCE:
      return "resource";
    case analyzerPb.PolicyType.POLICY_TYPE_STACK:
      return "stack";
    default:
      return "unknown";
  }
}

export function analyzerInfoFrom(info: analyzerPb.AnalyzerInfo): AnalyzerInfo {
  return {
    name: info.getName(),
    version: info.getVersion(),
    description: info.getDescription(),
    supportsConfig: info.getSupportsconfig(),
    policies: info.getPoliciesList().map((policy): PolicyInfo => {
      const schema = policy.getConfigschema();
      return {
        name: policy.getName(),
        description: policy.getDescription(),
        enforcementLevel: enforcementLevelFromProto(policy.getEnforcementlevel()),
        policyType: policyTypeFrom(policy.getPolicyType()),
        ...(schema
          ? {
              configSchema: {
                properties: (schema.getProperties()?.toJavaScript() ?? {}) as JsonObject,
                required: schema.getRequiredList(),
              },
            }
          : {}),
      };
    }),
  };
}
