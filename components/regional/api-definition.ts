import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";

/**
 * A URN without its stack and project (`urn:pulumi:<stack>::<project>::`): the same resource keeps its
 * place in the digest when it moves to another stack (the parts, `pulumi state move`).
 */
function withinStack(urn: string): string {
  return urn.split("::").slice(2).join("::");
}

/**
 * A digest of everything a REST API deployment snapshots: every registered resource, method, integration
 * and authorizer, with every property each one holds (its outputs: what was registered, plus what AWS
 * filled in). A deployment is a snapshot of the API's definition, so the stage keeps serving the old API
 * until a new deployment is made; hashing the resources themselves rather than a chosen list of settings
 * means no property can change without a new deployment.
 */
export function definitionDigest(resources: readonly pulumi.CustomResource[]): pulumi.Output<string> {
  const described = resources.map((resource) => {
    const properties = Object.entries(resource)
      .filter(([key, value]) => key !== "urn" && pulumi.Output.isInstance(value))
      .sort(([a], [b]) => a.localeCompare(b));
    return pulumi.all([resource.urn.apply(withinStack), pulumi.all(Object.fromEntries(properties))]);
  });
  return pulumi
    .all(described)
    .apply((parts) => createHash("sha256").update(JSON.stringify(parts)).digest("hex"));
}
