/**
 * Judges a resource's inputs against the AWS requests they become (`request-map.ts`) and the constraints
 * AWS's own models give those requests (`constraints.json`). The strict mocks and the stand-in providers
 * both call `checkAgainstApiModels`, so both refuse what AWS refuses, in AWS's words.
 */
import { isUnknown } from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import {
  constraintTable,
  countViolation,
  scalarViolation,
  validationMessage,
  type MemberViolation,
  type ServiceConstraints,
  type Shape,
} from "./model";
import { REQUEST_MAP, type InputMapping, type RequestMapping } from "./request-map";

type Inputs = Record<string, unknown>;

/** Where a value goes: the operation, its shape there, and the member path AWS names in its messages. */
interface Target {
  readonly operation: string;
  readonly shape: string;
  readonly path: string;
}

export interface ApiModelReport {
  /** AWS's refusal per operation, e.g. `CreateWebACL: ValidationException: 1 validation error …`. */
  readonly refusals: readonly string[];
  /** Input paths (`rules[].statement.foo`) that reach no request member and are not provider-only. */
  readonly unmapped: readonly string[];
}

const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

function plain(value: unknown): unknown {
  if (value !== null && typeof value === "object" && SECRET_SIGNATURE in value) {
    return (value as { value?: unknown }).value;
  }
  return value;
}

const anyKey = (path: string) => path.replace(/\.[^.]+$/, ".*");
const normalized = (name: string) => name.replace(/_/g, "").toLowerCase();
const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
const join = (path: string, member: string) => (path ? `${path}.${lowerFirst(member)}` : lowerFirst(member));

function coerce(shape: Shape, value: unknown): unknown {
  if (shape.type === "string" && (typeof value === "number" || typeof value === "boolean")) {
    return String(value);
  }
  if (["integer", "long", "double", "float"].includes(shape.type) && typeof value === "string") {
    return value.trim() !== "" && !Number.isNaN(Number(value)) ? Number(value) : value;
  }
  if (shape.type === "boolean" && (value === "true" || value === "false")) return value === "true";
  return value;
}

/** A list of `{Key, Value}` (tags) or `{Name, Value}` (dimensions): what a Pulumi map becomes. */
function pairListKeys(service: ServiceConstraints, shape: Shape): readonly [string, string] | undefined {
  if (shape.type !== "list" || !shape.member) return undefined;
  const names = Object.keys(service.shapes[shape.member]?.members ?? {});
  const key = names.find((n) => normalized(n) === "key" || normalized(n) === "name");
  const value = names.find((n) => normalized(n) === "value");
  return key && value && names.length <= 3 ? [key, value] : undefined;
}

function memberOf(shape: Shape, name: string): [string, string] | undefined {
  const wanted = normalized(name);
  return Object.entries(shape.members ?? {}).find(([member]) => normalized(member) === wanted);
}

class RequestWalker {
  readonly violations = new Map<string, MemberViolation[]>();
  readonly unmapped: string[] = [];

  constructor(
    private readonly service: ServiceConstraints,
    private readonly mapping: RequestMapping,
  ) {}

  /** The target of a `members` entry, `Operation:Member.Sub[].Leaf`. */
  resolve(to: string): Target {
    const colon = to.indexOf(":");
    const operation = colon > 0 ? to.slice(0, colon) : this.mapping.operation;
    const members = colon > 0 ? to.slice(colon + 1) : to;
    let target: Target = { operation, shape: this.requestShape(operation), path: "" };
    for (const segment of members.split(".").filter(Boolean)) {
      const isItem = segment.endsWith("[]");
      const name = isItem ? segment.slice(0, -2) : segment;
      const member = memberOf(this.shape(target.shape), name);
      if (!member) throw new Error(`request-map: ${operation} has no member ${name} (in ${to})`);
      target = { operation, shape: member[1], path: join(target.path, member[0]) };
      if (isItem) {
        const list = this.shape(target.shape);
        if (!list.member) throw new Error(`request-map: ${to}: ${name} is not a list`);
        target = { operation, shape: list.member, path: `${target.path}.1.member` };
      }
    }
    return target;
  }

  requestShape(operation: string): string {
    const shape = this.service.operations[operation];
    if (!shape) throw new Error(`constraints.json has no operation ${operation}; run npm run aws-models`);
    return shape;
  }

  shape(name: string): Shape {
    const shape = this.service.shapes[name];
    if (!shape) throw new Error(`constraints.json has no shape ${name}; run npm run aws-models`);
    return shape;
  }

  fail(target: Target, value: unknown, constraint: string): void {
    const list = this.violations.get(target.operation) ?? [];
    list.push({ path: target.path, value, constraint });
    this.violations.set(target.operation, list);
  }

  /** A value at an input path, on its way to `target` unless the map says otherwise. */
  walk(raw: unknown, inputPath: string, target: Target | undefined): void {
    if (inputPath && this.mapping.providerOnly?.[inputPath] !== undefined) return;
    let value = plain(raw);
    const explicit = this.mapping.members?.[inputPath] ?? this.mapping.members?.[anyKey(inputPath)];
    if (explicit !== undefined) {
      const mapping: InputMapping = typeof explicit === "string" ? { to: explicit } : explicit;
      target = this.resolve(mapping.to);
      if (mapping.value && value !== undefined && !isUnknown(value)) value = mapping.value(value);
    }
    if (value === undefined || value === null || isUnknown(value)) return;
    if (!target) {
      this.unmapped.push(inputPath);
      return;
    }
    this.into(value, inputPath, target);
  }

  private into(value: unknown, inputPath: string, target: Target): void {
    const shape = this.shape(target.shape);
    if (shape.type === "structure") {
      if (Array.isArray(value)) {
        // The provider's one-item blocks are lists in Pulumi and one structure in the request.
        value.forEach((item) => this.walk(item, `${inputPath}[]`, target));
      } else if (typeof value === "object") {
        for (const [key, child] of Object.entries(value as Inputs)) {
          const childPath = inputPath ? `${inputPath}.${key}` : key;
          const member = memberOf(shape, key);
          this.walk(
            child,
            childPath,
            member && { ...target, shape: member[1], path: join(target.path, member[0]) },
          );
        }
      } else {
        this.fail(target, value, "Member must be a structure");
      }
      return;
    }
    if (shape.type === "list") {
      const item = shape.member!;
      if (Array.isArray(value)) {
        const count = countViolation(shape, value.length);
        if (count) this.fail(target, value, count);
        value.forEach((element, i) =>
          this.walk(element, `${inputPath}[]`, {
            ...target,
            shape: item,
            path: `${target.path}.${i + 1}.member`,
          }),
        );
      } else if (typeof value === "object" && pairListKeys(this.service, shape)) {
        this.pairs(value as Inputs, shape, pairListKeys(this.service, shape)!, target);
      } else {
        // One value where the request takes a list: it is the list's only item.
        this.into(value, inputPath, { ...target, shape: item, path: `${target.path}.1.member` });
      }
      return;
    }
    if (shape.type === "map") {
      if (typeof value !== "object" || Array.isArray(value)) {
        this.fail(target, value, "Member must be a map");
        return;
      }
      const entries = Object.entries(value as Inputs);
      const count = countViolation(shape, entries.length);
      if (count) this.fail(target, value, count);
      for (const [key, child] of entries) {
        const keyViolation = scalarViolation(this.shape(shape.key!), key);
        if (keyViolation) this.fail(target, key, `Map keys must satisfy constraint: [${keyViolation}]`);
        this.leafOrDeeper(child, `${inputPath}.${key}`, {
          ...target,
          shape: shape.value!,
          path: `${target.path}.${key}`,
        });
      }
      return;
    }
    if (Array.isArray(value)) {
      // A list input the provider sends one request per item for (e.g. AttachRolePolicy per policy).
      value.forEach((element) => this.walk(element, `${inputPath}[]`, target));
      return;
    }
    const coerced = coerce(shape, value);
    const violation = scalarViolation(shape, coerced);
    if (violation) this.fail(target, coerced, violation);
  }

  /** A map value: a scalar is judged here; a nested structure goes on through `into`. */
  private leafOrDeeper(value: unknown, inputPath: string, target: Target): void {
    const plainValue = plain(value);
    if (plainValue === undefined || plainValue === null || isUnknown(plainValue)) return;
    this.into(plainValue, inputPath, target);
  }

  /** A Pulumi map sent as AWS's list of pairs (tags as `{Key, Value}`, dimensions as `{Name, Value}`). */
  private pairs(
    map: Inputs,
    shape: Shape,
    [keyMember, valueMember]: readonly [string, string],
    target: Target,
  ): void {
    const entries = Object.entries(map);
    const count = countViolation(shape, entries.length);
    if (count) this.fail(target, map, count);
    const item = this.shape(shape.member!);
    entries.forEach(([key, value], i) => {
      const at = `${target.path}.${i + 1}.member`;
      this.into(key, "", { ...target, shape: item.members![keyMember], path: join(at, keyMember) });
      this.leafOrDeeper(value, "", {
        ...target,
        shape: item.members![valueMember],
        path: join(at, valueMember),
      });
    });
  }
}

/** Pulumi's auto-name: the resource's name, a dash, and 7 random hex digits (stable here, per name). */
export function autoNameOf(name: string): string {
  return `${name}-${createHash("sha256").update(name).digest("hex").slice(0, 7)}`;
}

/** Resolves every `members` target of a type's mapping; throws on one the models do not have. */
export function resolveRequestMapping(type: string): void {
  const mapping = REQUEST_MAP[type];
  if (!mapping || "providerOnlyType" in mapping) return;
  const walker = new RequestWalker(constraintTable().services[mapping.service], mapping);
  for (const target of Object.values(mapping.members ?? {})) {
    walker.resolve(typeof target === "string" ? target : target.to);
  }
  if (mapping.autoName) walker.resolve(mapping.autoName);
}

/** The inputs with the resource's name (given, or Pulumi's auto-name) under the member that carries it. */
function withResourceName(mapping: RequestMapping, name: string, inputs: Inputs): Inputs {
  if (!mapping.autoName) return inputs;
  const { name: given, ...rest } = inputs;
  const resourceName = given ?? (inputs.namePrefix === undefined ? autoNameOf(name) : undefined);
  return { ...rest, [mapping.autoName]: resourceName };
}

/**
 * What AWS's models say of a resource's inputs. Types the map does not know are reported whole as
 * unmapped (`<type>`), so that a new resource type is mapped before it is trusted.
 */
export function apiModelReport(type: string, name: string, inputs: Inputs): ApiModelReport {
  const mapping = REQUEST_MAP[type];
  if (!mapping) return { refusals: [], unmapped: [`<${type}>`] };
  if ("providerOnlyType" in mapping) return { refusals: [], unmapped: [] };
  const service = constraintTable().services[mapping.service];
  if (!service) throw new Error(`constraints.json has no service ${mapping.service}; run npm run aws-models`);
  const walker = new RequestWalker(service, mapping);
  const root: Target = {
    operation: mapping.operation,
    shape: walker.requestShape(mapping.operation),
    path: "",
  };
  for (const [key, value] of Object.entries(withResourceName(mapping, name, inputs))) {
    const member = memberOf(walker.shape(root.shape), key);
    walker.walk(value, key, member && { ...root, shape: member[1], path: join("", member[0]) });
  }
  const refusals = [...walker.violations].map(
    ([operation, violations]) => `${operation}: ${validationMessage(violations)}`,
  );
  return { refusals, unmapped: walker.unmapped };
}

/**
 * For the mocks' and stand-ins' rulebook: every input must reach a request member AWS's models know (or be
 * one the provider keeps to itself), and satisfy that member's constraints; refused in AWS's words.
 */
export function checkAgainstApiModels(
  type: string,
  name: string,
  inputs: Inputs,
  reject: (detail: string) => never,
): void {
  const { refusals, unmapped } = apiModelReport(type, name, inputs);
  if (unmapped.length > 0) {
    reject(
      `no AWS request member is known for ${unmapped.join(", ")}: map it in tools/aws-models/request-map.ts`,
    );
  }
  if (refusals.length > 0) reject(refusals.join("\n"));
}
