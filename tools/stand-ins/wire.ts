/**
 * What the stand-ins need from `@pulumi/pulumi/provider` beyond its `Provider` interface: the provider's
 * configuration (tools/pulumi-internals.ts says how it is read), and plain values (the engine's unknown and
 * secret wrappers taken off: the sentinels of Pulumi's gRPC protocol, sdk/go/common/resource/plugin/rpc.go).
 */
import { beforeProviderServiceAdded } from "../pulumi-internals";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";

export type Props = Record<string, unknown>;

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

export function hasUnknowns(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(hasUnknowns);
  if (value !== null && typeof value === "object") return Object.values(value).some(hasUnknowns);
  return false;
}

/** The value without secret wrappers (the stand-ins keep no secret worth protecting in the fake account). */
export function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object") {
    const object = value as Props;
    if (object[SECRET_SIG] === SECRET) return plain(object.value);
    return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

interface ConfigureRequest {
  getVariablesMap(): { get(key: string): string | undefined };
  getArgs(): { toJavaScript(): Props } | undefined;
}

/**
 * Calls `onConfigure` with the provider's arguments (`region`, …) when the engine configures this provider
 * instance. The engine starts one plugin process per provider resource, so one region per process.
 */
export function watchConfigure(pkg: string, onConfigure: (args: Props) => void): void {
  beforeProviderServiceAdded((impl) => {
    const configure = impl.configure as
      ((call: { request: ConfigureRequest }, cb: unknown) => void) | undefined;
    if (configure) {
      impl.configure = (call: { request: ConfigureRequest }, cb: unknown) => {
        const args = call.request.getArgs()?.toJavaScript() ?? {};
        const region = call.request.getVariablesMap().get(`${pkg}:region`);
        onConfigure(plain({ ...(region === undefined ? {} : { region }), ...args }) as Props);
        configure.call(impl, call, cb);
      };
    }
  });
}

/** The name part of a URN: `urn:pulumi:stack::project::type::name`. */
export function nameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** The resource type of a URN (the last type of its parent chain). */
export function typeOf(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.slice(qualified.lastIndexOf("$") + 1);
}
