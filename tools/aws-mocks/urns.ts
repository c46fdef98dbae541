/**
 * The engine's URN rule, which Pulumi's mock monitor does not enforce: a second registration of a URN that
 * is already registered is refused, and the first one stands. The engine's message (pulumi/pulumi,
 * pkg/diag/errors.go, GetDuplicateResourceURNError, code 2001) is kept word for word.
 *
 * A URN is `urn:pulumi:<stack>::<project>::<parent type>$<type>::<name>`: it holds the parent's type, not
 * the parent's name, so two components of one type whose children share a name collide too. That is why
 * every child name here derives from its component's name.
 */
import { interceptRegistrations } from "../pulumi-internals";
import { StrictMockError } from "./rules";

/** The slice of a registration request this reads. */
interface UrnRequest {
  getParent(): string;
  getType(): string;
  getName(): string;
}
type UrnCallback = (error: unknown, response: unknown) => void;

export function duplicateUrnMessage(urn: string): string {
  return `Duplicate resource URN '${urn}'; try giving it a unique name`;
}

/**
 * Wraps the current mock monitor (call right after `setMocks`, before `recordEngineRegistrations`) so that a
 * registration whose URN is taken fails; the refusal goes to `rejections` like every other strict-mock one.
 */
export function refuseDuplicateUrns(rejections: StrictMockError[]): void {
  const registered = new Set<string>();
  interceptRegistrations<UrnRequest, UrnCallback>(
    "refuseDuplicateUrns",
    (request, callback, passOn, monitor) => {
      const urn = monitor.newUrn(request.getParent(), request.getType(), request.getName());
      if (registered.has(urn)) {
        const error = new StrictMockError(request.getType(), request.getName(), duplicateUrnMessage(urn));
        rejections.push(error);
        callback(error, undefined);
        return;
      }
      registered.add(urn);
      passOn(request, callback);
    },
  );
}
