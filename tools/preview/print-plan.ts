/**
 * The plan as `pulumi preview` prints it: the resource tree with `+` and `create`, the stack outputs
 * (unknown ones as `output<string>`), and the summary count. Plain text, no colours.
 */
import { UNKNOWN } from "../policy-harness";
import { pluginChildrenOf, type PluginChildren } from "./awsx-children";
import { displayType, type Plan, type PlannedResource } from "./plan";

interface TreeRow {
  readonly prefix: string;
  readonly resource: PlannedResource;
}

function treeRows(plan: Plan): TreeRow[] {
  const children = new Map<string | undefined, PlannedResource[]>();
  for (const resource of plan.resources) {
    children.set(resource.parent, [...(children.get(resource.parent) ?? []), resource]);
  }
  const known = new Set(plan.resources.map((r) => r.urn));
  const rows: TreeRow[] = [];
  const walk = (resource: PlannedResource, indent: string, connector: string) => {
    rows.push({ prefix: `${indent}${connector}`, resource });
    const kids = children.get(resource.urn) ?? [];
    const childIndent = connector === "" ? "" : `${indent}${connector === "└─ " ? "   " : "│  "}`;
    kids.forEach((kid, index) => walk(kid, childIndent, index === kids.length - 1 ? "└─ " : "├─ "));
  };
  // Roots: the stack, and anything whose parent is not in the plan (never expected, but never hidden).
  plan.resources
    .filter((r) => r.parent === undefined || !known.has(r.parent))
    .forEach((root) => walk(root, "", ""));
  return rows;
}

export function formatResourceTree(plan: Plan): string[] {
  const rows = treeRows(plan).map(({ prefix, resource }) => ({
    type: `${prefix}${displayType(resource.type)}`,
    name: resource.name,
    region: resource.region ?? "",
  }));
  const typeWidth = Math.max("Type".length, ...rows.map((r) => r.type.length));
  const nameWidth = Math.max("Name".length, ...rows.map((r) => r.name.length));
  const line = (mark: string, type: string, name: string, op: string, region: string) =>
    ` ${mark.padEnd(3)} ${type.padEnd(typeWidth)}  ${name.padEnd(nameWidth)}  ${op.padEnd(6)}  ${region}`.trimEnd();
  return [
    line("", "Type", "Name", "Plan", "Region"),
    ...rows.map((row) => line("+", row.type, row.name, "create", row.region)),
  ];
}

/** A value as the CLI shows stack outputs: strings quoted, arrays as `[i]: …`, unknowns as `output<string>`. */
export function formatValue(value: unknown, indent: string): string {
  if (value === UNKNOWN) {
    return "output<string>";
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const inner = value.map((item, i) => `${indent}    [${i}]: ${formatValue(item, `${indent}    `)}`);
    return `[\n${inner.join("\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return "{}";
    const width = Math.max(...entries.map(([key]) => key.length));
    const inner = entries.map(
      ([key, item]) => `${indent}    ${key.padEnd(width)}: ${formatValue(item, `${indent}    `)}`,
    );
    return `{\n${inner.join("\n")}\n${indent}}`;
  }
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

export function formatOutputs(outputs: Record<string, unknown>): string[] {
  const entries = Object.entries(outputs).filter(([, value]) => value !== undefined);
  const width = Math.max(0, ...entries.map(([key]) => key.length));
  return entries.map(([key, value]) => `    ${key.padEnd(width)}: ${formatValue(value, "    ")}`);
}

function formatPluginChildren(children: readonly PluginChildren[]): string[] {
  if (children.length === 0) {
    return [];
  }
  const lines = children.map(({ parentName, counts, total }) =>
    counts === undefined
      ? `    ${parentName}: not counted offline for these arguments`
      : `    ${parentName}: ${total} (${Object.entries(counts)
          .map(([type, n]) => `${n} ${type}`)
          .join(", ")})`,
  );
  return [
    "",
    "Not shown: the children the awsx plugin registers under each awsx:ec2:Vpc in a real preview",
    "(the mocks stand in for the plugin and answer with the component's outputs alone):",
    ...lines,
  ];
}

function formatSummary(plan: Plan, children: readonly PluginChildren[]): string {
  const own = `    + ${plan.resources.length} to create`;
  const totals = children.map((child) => child.total);
  if (totals.length === 0) {
    return own;
  }
  if (totals.some((total) => total === undefined)) {
    return `${own} (more in a real preview: the awsx plugin's children)`;
  }
  const all = totals.reduce<number>((sum, total) => sum + (total ?? 0), plan.resources.length);
  return `${own} (${all} in a real preview, with the awsx plugin's children)`;
}

export function formatPlan(plan: Plan): string[] {
  const children = pluginChildrenOf(plan);
  return [
    `Previewing update (${plan.stack}):`,
    "",
    ...formatResourceTree(plan),
    ...formatPluginChildren(children),
    "",
    "Outputs:",
    ...formatOutputs(plan.outputs),
    "",
    "Resources:",
    formatSummary(plan, children),
  ];
}
