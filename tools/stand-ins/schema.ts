/**
 * The AWS provider returns every property of a resource's schema in its state, an unset one as null (the
 * bridged Terraform state holds every attribute). A property it left out would be unknown to the program in
 * the next preview (the Node.js SDK reads a missing output as unknown during a dry run), which is not what
 * the real provider does. The property names are read from @pulumi/aws's own class for the type: the
 * `resourceInputs["x"] = state?.x` lines list every one.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Props } from "./wire";

const cache = new Map<string, string[]>();

export function schemaProperties(type: string): string[] {
  const cached = cache.get(type);
  if (cached) return cached;
  // aws:apigateway/deployment:Deployment → @pulumi/aws/apigateway/deployment.js
  const match = /^aws:([^/]+)\/([^:]+):/.exec(type);
  let names: string[] = [];
  if (match) {
    const dir = match[1] === "index" ? "" : match[1];
    const file = path.join(path.dirname(require.resolve("@pulumi/aws/package.json")), dir, `${match[2]}.js`);
    const text = readFileSync(file, "utf8");
    names = [...text.matchAll(/resourceInputs\["(\w+)"\] = state\?\.\w+;/g)].map((m) => m[1]);
  }
  cache.set(type, names);
  return names;
}

/** The outputs with every schema property present: `region` is the provider's, the others null. */
export function fullState(type: string, outputs: Props, region: string): Props {
  const full: Props = {};
  for (const name of schemaProperties(type)) full[name] = name === "region" ? region : null;
  for (const [k, v] of Object.entries(outputs)) if (v !== undefined) full[k] = v;
  return full;
}
