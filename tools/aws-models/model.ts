/**
 * The generated table of AWS request constraints (`constraints.json`, made by `generate.ts` from the pinned
 * botocore) and how a value is judged against one of its shapes, in the words AWS's validation uses
 * (`1 validation error detected: Value '…' at '…' failed to satisfy constraint: Member must …`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface Shape {
  readonly type: string;
  readonly pattern?: string;
  readonly min?: number;
  readonly max?: number;
  readonly enum?: readonly string[];
  /** structure: member name → shape name */
  readonly members?: Readonly<Record<string, string>>;
  /** list: the item's shape */
  readonly member?: string;
  /** map: the key's and the value's shapes */
  readonly key?: string;
  readonly value?: string;
}

export interface ServiceConstraints {
  readonly apiVersion: string;
  readonly protocol: string;
  /** operation → its request shape */
  readonly operations: Readonly<Record<string, string>>;
  readonly shapes: Readonly<Record<string, Shape>>;
}

export interface ConstraintTable {
  readonly botocore: string;
  readonly services: Readonly<Record<string, ServiceConstraints>>;
}

let table: ConstraintTable | undefined;

/** The committed table; read once per process. */
export function constraintTable(): ConstraintTable {
  table ??= JSON.parse(readFileSync(join(__dirname, "constraints.json"), "utf8")) as ConstraintTable;
  return table;
}

const NUMERIC = new Set(["integer", "long", "double", "float"]);
const patterns = new Map<string, RegExp>();

/**
 * AWS matches a member's pattern against the whole value (a Java regular expression; the models' patterns
 * are written for that). The `u` flag gives `\p{L}` and friends their Java meaning; a pattern that only
 * parses without it (an escaped `,`, which Java allows) is compiled without.
 */
export function memberPattern(pattern: string): RegExp {
  let compiled = patterns.get(pattern);
  if (!compiled) {
    const anchored = `^(?:${pattern})$`;
    try {
      compiled = new RegExp(anchored, "u");
    } catch {
      compiled = new RegExp(anchored);
    }
    patterns.set(pattern, compiled);
  }
  return compiled;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(describe).join(", ")}]`;
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

/** A value against a scalar shape: the constraint it fails, in AWS's words, or undefined. */
export function scalarViolation(shape: Shape, value: unknown): string | undefined {
  if (shape.type === "string") {
    if (typeof value !== "string") return `Member must be a string`;
    if (shape.enum && !shape.enum.includes(value)) {
      return `Member must satisfy enum value set: [${shape.enum.join(", ")}]`;
    }
    if (shape.max !== undefined && value.length > shape.max) {
      return `Member must have length less than or equal to ${shape.max}`;
    }
    if (shape.min !== undefined && value.length < shape.min) {
      return `Member must have length greater than or equal to ${shape.min}`;
    }
    if (shape.pattern !== undefined && !memberPattern(shape.pattern).test(value)) {
      return `Member must satisfy regular expression pattern: ${shape.pattern}`;
    }
    return undefined;
  }
  if (NUMERIC.has(shape.type)) {
    if (typeof value !== "number" || Number.isNaN(value)) return `Member must be a number`;
    if ((shape.type === "integer" || shape.type === "long") && !Number.isInteger(value)) {
      return `Member must be an integer`;
    }
    if (shape.max !== undefined && value > shape.max) {
      return `Member must have value less than or equal to ${shape.max}`;
    }
    if (shape.min !== undefined && value < shape.min) {
      return `Member must have value greater than or equal to ${shape.min}`;
    }
    return undefined;
  }
  if (shape.type === "boolean") {
    return typeof value === "boolean" ? undefined : `Member must be a boolean`;
  }
  // blob and timestamp members carry no constraint the models state for this program's values.
  return undefined;
}

/** A list's or map's item count against its shape. */
export function countViolation(shape: Shape, count: number): string | undefined {
  if (shape.max !== undefined && count > shape.max) {
    return `Member must have length less than or equal to ${shape.max}`;
  }
  if (shape.min !== undefined && count < shape.min) {
    return `Member must have length greater than or equal to ${shape.min}`;
  }
  return undefined;
}

/** One failed member, as AWS lists it. */
export interface MemberViolation {
  readonly path: string;
  readonly value: unknown;
  readonly constraint: string;
}

/** AWS's message for a request with these failed members. */
export function validationMessage(violations: readonly MemberViolation[]): string {
  const count = violations.length;
  const items = violations.map(
    (v) => `Value '${describe(v.value)}' at '${v.path}' failed to satisfy constraint: ${v.constraint}`,
  );
  return `ValidationException: ${count} validation error${count === 1 ? "" : "s"} detected: ${items.join("; ")}`;
}

/**
 * A whole request body as the JSON protocols send it (member names exactly as the model spells them)
 * against its operation's shape: every failed member in AWS's words, and every member the model does not
 * have (which AWS refuses as a SerializationException or ignores; either way a mistake here).
 */
export function requestViolations(
  service: string,
  operation: string,
  body: Readonly<Record<string, unknown>>,
): MemberViolation[] {
  const constraints = constraintTable().services[service];
  const root = constraints?.operations[operation];
  if (constraints === undefined || root === undefined) {
    throw new Error(`constraints.json has no ${service} ${operation}; run npm run aws-models`);
  }
  const violations: MemberViolation[] = [];
  const walk = (shapeName: string, value: unknown, path: string): void => {
    const shape = constraints.shapes[shapeName]!;
    const fail = (constraint: string): void => {
      violations.push({ path, value, constraint });
    };
    if (shape.type === "structure") {
      if (typeof value !== "object" || value === null || Array.isArray(value))
        return fail("Member must be a structure");
      for (const [name, child] of Object.entries(value)) {
        const member = shape.members?.[name];
        if (member === undefined)
          violations.push({ path: `${path}${name}`, value: child, constraint: "Member is not in the model" });
        else walk(member, child, `${path}${name}.`);
      }
    } else if (shape.type === "map") {
      if (typeof value !== "object" || value === null || Array.isArray(value))
        return fail("Member must be a map");
      const count = countViolation(shape, Object.keys(value).length);
      if (count) fail(count);
      for (const [key, child] of Object.entries(value)) {
        const keyViolation = scalarViolation(constraints.shapes[shape.key!]!, key);
        if (keyViolation) fail(`Map keys must satisfy constraint: [${keyViolation}]`);
        walk(shape.value!, child, `${path}${key}.`);
      }
    } else if (shape.type === "list") {
      if (!Array.isArray(value)) return fail("Member must be a list");
      const count = countViolation(shape, value.length);
      if (count) fail(count);
      value.forEach((item, i) => walk(shape.member!, item, `${path}${i + 1}.`));
    } else {
      const violation = scalarViolation(shape, value);
      if (violation) fail(violation);
    }
  };
  walk(root, body, "");
  return violations.map((v) => ({ ...v, path: v.path.replace(/\.$/, "") }));
}
