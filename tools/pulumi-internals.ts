/**
 * Every place the test kit reaches past @pulumi/pulumi's public API, in one module, with the reason each is
 * needed. Nothing else may import `@pulumi/pulumi/runtime/...` (tests/architecture/sdk-internals.test.ts),
 * and tests/tools/pulumi-internals.test.ts fails on an SDK upgrade that changes what is used here.
 *
 * - The mock monitor. `pulumi.runtime.setMocks` installs a MockMonitor (runtime/mocks.js) as the runtime's
 *   monitor, but the public Mocks interface sees only a resource's type, name and inputs: not its parent,
 *   dependencies, provider or options, and not its URN. The strict mocks judge those too (a duplicate URN, an
 *   alias target created first, what the engine records), so they wrap the monitor's `registerResource`.
 * - `waitForRPCs` (runtime/settings.js): what `pulumi up` awaits before it reports, with no public
 *   equivalent under mocks; without it a run would be read before its last registrations were answered.
 * - The signature keys of special values (runtime/rpc.js), to decode a resource reference or a secret in a
 *   registration as the engine would.
 *
 * - The provider server's service table. `@pulumi/pulumi/provider`'s server answers the engine's `Configure`
 *   itself and passes the provider none of its variables, so the stand-in providers could not learn their
 *   region; they wrap the implementation table the server hands to its own copy of `@grpc/grpc-js`.
 * - The mock monitor's registered resources, which keep what `registerOutputs` sent, as the engine's state
 *   does: a test reads a component's outputs there.
 *
 * Re-read against @pulumi/pulumi 3.270 (runtime/settings.js getMonitor and waitForRPCs, runtime/mocks.js
 * MockMonitor.registerResource, newUrn and getRegisteredResources, runtime/rpc.js the sig constants,
 * provider/server.js `main` adding its service to `@grpc/grpc-js`'s Server).
 */
import { createRequire } from "node:module";

export { specialResourceSig, specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const settings = require("@pulumi/pulumi/runtime/settings") as {
  getMonitor(): unknown;
  waitForRPCs(): Promise<void>;
};

/** The runtime's own "wait until every registration has been answered". */
export function waitForRPCs(): Promise<void> {
  return settings.waitForRPCs();
}

/** The slice of runtime/mocks.js MockMonitor that the test kit uses. */
export interface MockMonitor<Request, Callback> {
  newUrn(parent: string, type: string, name: string): string;
  registerResource(request: Request, callback: Callback): void;
}

/** The mock monitor `setMocks` installed, or an error naming `caller` when there is none. */
export function mockMonitor<Request, Callback>(caller: string): MockMonitor<Request, Callback> {
  const monitor = settings.getMonitor() as Partial<MockMonitor<Request, Callback>> | undefined;
  if (typeof monitor?.registerResource !== "function" || typeof monitor.newUrn !== "function") {
    throw new Error(`${caller}: no mock monitor; call pulumi.runtime.setMocks first`);
  }
  return monitor as MockMonitor<Request, Callback>;
}

/**
 * Puts `wrapper` in front of the mock monitor's `registerResource`: it receives each request with the
 * monitor's own registration (call it to pass the request on) and the monitor, for `newUrn`.
 */
export function interceptRegistrations<Request, Callback>(
  caller: string,
  wrapper: (
    request: Request,
    callback: Callback,
    passOn: (request: Request, callback: Callback) => void,
    monitor: MockMonitor<Request, Callback>,
  ) => void,
): void {
  const monitor = mockMonitor<Request, Callback>(caller);
  const passOn = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => wrapper(request, callback, passOn, monitor);
}

/** What the mock monitor keeps per URN (runtime/mocks.js getRegisteredResources, filled by registerResource). */
export interface MockRegisteredResource {
  readonly urn: string;
  readonly state: unknown;
}

/** Every resource the mock monitor has registered, by URN. */
export function mockRegisteredResources(caller: string): Map<string, MockRegisteredResource> {
  const monitor = mockMonitor(caller) as unknown as { getRegisteredResources?: () => unknown };
  const resources = monitor.getRegisteredResources?.();
  if (!(resources instanceof Map)) {
    throw new Error(
      `${caller}: the mock monitor has no getRegisteredResources map (runtime/mocks.js changed)`,
    );
  }
  return resources as Map<string, MockRegisteredResource>;
}

type ServiceImplementation = Record<string, unknown>;

/**
 * Calls `patch` with the implementation table of every service the provider server adds, before the server
 * adds it: the `@grpc/grpc-js` that `@pulumi/pulumi/provider` itself loads, not the project's own copy.
 */
export function beforeProviderServiceAdded(patch: (implementation: ServiceImplementation) => void): void {
  const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/provider"));
  const grpc = pulumiRequire("@grpc/grpc-js") as {
    Server: { prototype: { addService(service: unknown, implementation: ServiceImplementation): void } };
  };
  const addService = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (service, implementation) {
    patch(implementation);
    addService.call(this, service, implementation);
  };
}
