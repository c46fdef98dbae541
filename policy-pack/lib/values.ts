/**
 * Reading resource properties without tripping over preview's unknown values.
 *
 * @pulumi/policy hands policies a proxy that throws `UnknownValueError` when a policy reads a value that is
 * unknown during preview (an ID, ARN or DNS name of a resource not created yet); the server then turns the
 * whole policy into an advisory "can't run policy during preview" and judges nothing. These helpers copy the
 * properties into plain data instead, with every unknown replaced by the `UNKNOWN` marker, so a policy can
 * judge what is known (a literal TTL, `evaluateTargetHealth`, the failover type) and skip only what is not.
 */
import { UnknownValueError } from "@pulumi/policy";

/** Stands for a value that is unknown until the resource that produces it exists (preview). */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

/** A property as a policy sees it: missing (`undefined`), unknown during preview, or known. */
export type Property<T> = T | Unknown | undefined;

/**
 * The sentinel strings the engine sends for unknown values (one per type; the Pulumi CLI sends the string
 * one for every type). Matching them too keeps these helpers right when handed raw, unproxied properties.
 */
const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

export function isUnknown(value: unknown): value is Unknown {
  return value === UNKNOWN;
}

function isUnknownValueError(error: unknown): boolean {
  // Also match by shape: a second copy of @pulumi/policy in node_modules would make `instanceof` miss.
  return (
    error instanceof UnknownValueError ||
    (typeof error === "object" && error !== null && "unknownTypeSentinel" in error)
  );
}

function readThrough(container: Record<string | number, unknown>, key: string | number): unknown {
  try {
    return toPlain(container[key]);
  } catch (error) {
    if (isUnknownValueError(error)) {
      return UNKNOWN;
    }
    throw error;
  }
}

/** A plain deep copy of (possibly proxied) resource properties, with every unknown value as `UNKNOWN`. */
export function toPlain(value: unknown): unknown {
  if (typeof value === "string") {
    return UNKNOWN_SENTINELS.has(value) ? UNKNOWN : value;
  }
  if (value === null || typeof value !== "object") {
    return value;
  }
  const container = value as Record<string | number, unknown>;
  if (Array.isArray(value)) {
    return Array.from({ length: value.length }, (_, index) => readThrough(container, index));
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    copy[key] = readThrough(container, key);
  }
  return copy;
}

export type PlainObject = Readonly<Record<string, unknown>>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `obj[key]` as a string; a value of another type counts as missing. */
export function stringProperty(obj: PlainObject, key: string): Property<string> {
  const value = obj[key];
  return isUnknown(value) || typeof value === "string" ? value : undefined;
}

/** `obj[key]` as a number; a numeric string (as a YAML program may send) counts as its number. */
export function numberProperty(obj: PlainObject, key: string): Property<number> {
  const value = obj[key];
  if (isUnknown(value) || typeof value === "number") {
    return value;
  }
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
    return Number(value);
  }
  return undefined;
}

/** `obj[key]` as a boolean; "true"/"false" strings count as their boolean. */
export function booleanProperty(obj: PlainObject, key: string): Property<boolean> {
  const value = obj[key];
  if (isUnknown(value) || typeof value === "boolean") {
    return value;
  }
  if (value === "true" || value === "false") {
    return value === "true";
  }
  return undefined;
}

export function arrayProperty(obj: PlainObject, key: string): Property<readonly unknown[]> {
  const value = obj[key];
  return isUnknown(value) || Array.isArray(value) ? (value as Property<readonly unknown[]>) : undefined;
}

export function objectProperty(obj: PlainObject, key: string): Property<PlainObject> {
  const value = obj[key];
  return isUnknown(value) || isPlainObject(value) ? value : undefined;
}

/** True when the property is set: to a known value or to one that is unknown during preview. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}
