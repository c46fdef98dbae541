/**
 * The engine's URN rule, which Pulumi's mock monitor does not enforce: a second registration of a URN that
 * is already registered is refused, and the first one stands. The engine's message (pulumi/pulumi,
 * pkg/diag/errors.go, GetDuplicateResourceURNError, code 2001) is kept word for word.
 *
 * A URN is `urn:pulumi:<stack>::<project>::<parent type>$<type>::<name>`: it holds the parent's type, not
 * the parent's name, so two components of one type whose children share a name collide too. That is why
 * every child name here derives from its component's name.
 */
import { StrictMockError } from "./rules";

/** The slice of the mock monitor (`@pulumi/pulumi/runtime/mocks`, MockMonitor) this wraps. */
interface UrnMonitor {
  newUrn(parent: string, type: string, name: string): string;
  registerResource(
    request: { getParent(): string; getType(): string; getName(): string },
    callback: (error: unknown, response: unknown) => void,
  ): void;
}

export function duplicateUrnMessage(urn: string): string {
  return `Duplicate resource URN '${urn}'; try giving it a unique name`;
}

/**
 * Wraps the current mock monitor (call right after `setMocks`, before `recordEngineRegistrations`) so that a
 * registration whose URN is taken fails; the refusal goes to `rejections` like every other strict-mock one.
 */
export function refuseDuplicateUrns(rejections: StrictMockError[]): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const settings = require("@pulumi/pulumi/runtime/settings") as { getMonitor(): UrnMonitor | undefined };
  const monitor = settings.getMonitor();
  if (!monitor || typeof monitor.newUrn !== "function") {
    throw new Error("refuseDuplicateUrns: no mock monitor; call pulumi.runtime.setMocks first");
  }
  const registered = new Set<string>();
  const registerResource = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    const urn = monitor.newUrn(request.getParent(), request.getType(), request.getName());
    if (registered.has(urn)) {
      const error = new StrictMockError(request.getType(), request.getName(), duplicateUrnMessage(urn));
      rejections.push(error);
      callback(error, undefined);
      return;
    }
    registered.add(urn);
    registerResource(request, callback);
  };
}
