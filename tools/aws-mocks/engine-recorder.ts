/**
 * What the engine is told about each resource, beyond what `MockResourceArgs` carries: the URN, parent,
 * provider reference, dependencies and resource options of every registration, and its inputs exactly as
 * they crossed the wire (an unknown value is the engine's sentinel string, as a policy pack receives it).
 *
 * The Pulumi CLI hands policy packs this view of a resource, so the offline preview records it by wrapping
 * the mock monitor's `registerResource`.
 */
import {
  interceptRegistrations,
  specialResourceSig,
  specialSecretSig,
  specialSigKey,
} from "../pulumi-internals";

export interface EngineResourceOptions {
  readonly protect: boolean;
  readonly ignoreChanges: readonly string[];
  readonly deleteBeforeReplace?: boolean;
  readonly aliases: readonly string[];
  readonly additionalSecretOutputs: readonly string[];
  readonly customTimeouts?: { readonly create?: number; readonly update?: number; readonly delete?: number };
}

/** One registration as the engine saw it (URNs as the mock monitor assigned them). */
export interface EngineRegistration {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  /** The parent's URN; undefined only for the stack itself. */
  readonly parent?: string;
  /** The provider reference `providerUrn::providerId`, when the resource named one. */
  readonly providerRef?: string;
  /** The ID the mocks answered with; undefined while a preview leaves it unknown. */
  readonly id?: string;
  /** Inputs as serialized for the engine: unknowns are the sentinel string, secrets are unwrapped. */
  readonly inputs: Record<string, unknown>;
  /** Outputs the mocks answered with, serialized the same way. */
  readonly outputs: Record<string, unknown>;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly options: EngineResourceOptions;
}

/** The slice of the generated RegisterResourceRequest that is read here. */
interface RegisterResourceRequest {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getParent(): string;
  getProvider(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void;
  };
  getProtect(): boolean;
  getIgnorechangesList(): string[];
  getDeletebeforereplacedefined(): boolean;
  getDeletebeforereplace(): boolean;
  getAliasurnsList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getCustomtimeouts(): { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined;
}

interface RegisterResourceResponse {
  getUrn(): string;
  getId(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}

type Callback = (error: unknown, response: RegisterResourceResponse | undefined) => void;

/** Secrets become their plain value and resource references their URN: what a policy reads. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(plain);
  }
  if (value !== null && typeof value === "object") {
    const object = value as Record<string, unknown>;
    if (object[specialSigKey] === specialSecretSig) {
      return plain(object.value);
    }
    if (object[specialSigKey] === specialResourceSig) {
      return object.urn;
    }
    return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, plain(item)]));
  }
  return value;
}

function seconds(duration: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([smh])$/.exec(duration);
  return match ? Number(match[1]) * { s: 1, m: 60, h: 3600 }[match[2] as "s" | "m" | "h"] : undefined;
}

function optionsOf(request: RegisterResourceRequest): EngineResourceOptions {
  const timeouts = request.getCustomtimeouts();
  return {
    protect: request.getProtect(),
    ignoreChanges: request.getIgnorechangesList(),
    deleteBeforeReplace: request.getDeletebeforereplacedefined()
      ? request.getDeletebeforereplace()
      : undefined,
    aliases: request.getAliasurnsList(),
    additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
    customTimeouts: timeouts
      ? {
          create: seconds(timeouts.getCreate()),
          update: seconds(timeouts.getUpdate()),
          delete: seconds(timeouts.getDelete()),
        }
      : undefined,
  };
}

function registrationOf(
  request: RegisterResourceRequest,
  response: RegisterResourceResponse,
): EngineRegistration {
  const propertyDependencies: Record<string, string[]> = {};
  request
    .getPropertydependenciesMap()
    .forEach((value, key) => (propertyDependencies[key] = value.getUrnsList()));
  return {
    urn: response.getUrn(),
    type: request.getType(),
    name: request.getName(),
    custom: request.getCustom(),
    parent: request.getParent() || undefined,
    providerRef: request.getProvider() || undefined,
    id: response.getId() || undefined,
    inputs: plain(request.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
    outputs: plain(response.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
    dependencies: request.getDependenciesList(),
    propertyDependencies,
    options: optionsOf(request),
  };
}

/**
 * Wraps the current mock monitor (call right after `setMocks`) and returns the list it fills, in the order
 * the engine answered. Registrations the mocks rejected are not in it: they are in `AwsMocks.rejections`.
 */
export function recordEngineRegistrations(): EngineRegistration[] {
  const recorded: EngineRegistration[] = [];
  interceptRegistrations<RegisterResourceRequest, Callback>(
    "recordEngineRegistrations",
    (request, callback, passOn) =>
      passOn(request, (error, response) => {
        if (!error && response) {
          recorded.push(registrationOf(request, response));
        }
        callback(error, response);
      }),
  );
  return recorded;
}
