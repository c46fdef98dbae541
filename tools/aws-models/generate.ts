/**
 * Builds `constraints.json`: for every AWS operation `request-map.ts` names, the request shape and every
 * shape reachable from it, with only what a request is checked against (type, pattern, min, max, enum,
 * members). Generated from the pinned botocore, never typed by hand, so a constraint AWS changes shows up
 * in the diff when botocore is bumped.
 *
 *   npm run aws-models            # regenerate the table
 *   npm run aws-models -- --check # exit 1 when the committed table differs from a fresh one
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BOTOCORE_VERSION, botocoreDataDir, loadServiceModel, type BotocoreModel } from "./botocore";
import { operationsByService } from "./request-map";
import type { ConstraintTable, ServiceConstraints, Shape } from "./model";

export const TABLE_FILE = join(__dirname, "constraints.json");

function reachableShapes(model: BotocoreModel, roots: readonly string[]): Record<string, Shape> {
  const shapes: Record<string, Shape> = {};
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (shapes[name]) continue;
    const source = model.shapes[name];
    if (!source) throw new Error(`botocore has no shape ${name}`);
    const shape: { -readonly [K in keyof Shape]: Shape[K] } = { type: source.type };
    for (const key of ["pattern", "min", "max", "enum"] as const) {
      if (source[key] !== undefined) (shape as Record<string, unknown>)[key] = source[key];
    }
    if (source.members) {
      shape.members = Object.fromEntries(Object.entries(source.members).map(([m, ref]) => [m, ref.shape]));
      pending.push(...Object.values(shape.members));
    }
    if (source.member) {
      shape.member = source.member.shape;
      pending.push(shape.member);
    }
    if (source.key && source.value) {
      shape.key = source.key.shape;
      shape.value = source.value.shape;
      pending.push(shape.key, shape.value);
    }
    shapes[name] = shape;
  }
  return Object.fromEntries(Object.entries(shapes).sort(([a], [b]) => a.localeCompare(b)));
}

export function buildConstraintTable(dataDir: string): ConstraintTable {
  const services: Record<string, ServiceConstraints> = {};
  for (const [service, operations] of [...operationsByService()].sort(([a], [b]) => a.localeCompare(b))) {
    const model = loadServiceModel(dataDir, service);
    const inputs: Record<string, string> = {};
    for (const operation of [...operations].sort()) {
      const input = model.operations[operation]?.input?.shape;
      if (!input) throw new Error(`botocore ${service} has no operation ${operation} with a request`);
      inputs[operation] = input;
    }
    services[service] = {
      apiVersion: model.metadata.apiVersion,
      protocol: model.metadata.protocol,
      operations: inputs,
      shapes: reachableShapes(model, Object.values(inputs)),
    };
  }
  return { botocore: BOTOCORE_VERSION, services };
}

/** One line per shape, so a review sees which constraint changed. */
export function serializeTable(table: ConstraintTable): string {
  const lines = ["{", `  "botocore": ${JSON.stringify(table.botocore)},`, `  "services": {`];
  const services = Object.entries(table.services);
  services.forEach(([service, constraints], s) => {
    lines.push(`    ${JSON.stringify(service)}: {`);
    lines.push(`      "apiVersion": ${JSON.stringify(constraints.apiVersion)},`);
    lines.push(`      "protocol": ${JSON.stringify(constraints.protocol)},`);
    lines.push(`      "operations": ${JSON.stringify(constraints.operations)},`);
    lines.push(`      "shapes": {`);
    const shapes = Object.entries(constraints.shapes);
    shapes.forEach(([name, shape], i) => {
      lines.push(
        `        ${JSON.stringify(name)}: ${JSON.stringify(shape)}${i < shapes.length - 1 ? "," : ""}`,
      );
    });
    lines.push(`      }`);
    lines.push(`    }${s < services.length - 1 ? "," : ""}`);
  });
  lines.push("  }", "}", "");
  return lines.join("\n");
}

function main(argv: readonly string[]): number {
  const fresh = serializeTable(buildConstraintTable(botocoreDataDir()));
  if (argv.includes("--check")) {
    if (readFileSync(TABLE_FILE, "utf8") === fresh) {
      console.log(`aws-models: constraints.json matches botocore ${BOTOCORE_VERSION}`);
      return 0;
    }
    console.error(
      `aws-models: constraints.json differs from botocore ${BOTOCORE_VERSION}; run npm run aws-models`,
    );
    return 1;
  }
  writeFileSync(TABLE_FILE, fresh);
  console.log(`aws-models: wrote ${TABLE_FILE} from botocore ${BOTOCORE_VERSION}`);
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
