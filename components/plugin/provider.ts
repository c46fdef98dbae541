/**
 * The components as a Pulumi provider, so that Python, Go, C#, Java and YAML programs can use them
 * (`pulumi package add`): Pulumi's ComponentProvider infers the schema from the components' TypeScript
 * (their args interfaces, docs and public properties) and constructs a component when a program asks for
 * one. `pulumi package add` of this folder runs `index.ts` as the plugin.
 */
import * as path from "node:path";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import * as components from "..";

/**
 * The Pulumi package name, the first part of every component's type token (`multiregion:index:RegionalApi`).
 * Every URN in a deployed stack holds these tokens, so the package keeps this name rather than the npm
 * scope's `multi-region-api`: renaming it would re-create or alias every component of every stack.
 */
export const PULUMI_PACKAGE = "multiregion";

/** Where the components' TypeScript sources (and their package.json, for the version) are read from. */
export const COMPONENTS_DIR = path.join(__dirname, "..");

/**
 * The analyzer names an `aws.Provider` argument (a certificate region's provider, the alarms' provider) by
 * the class's `__pulumiType`, which for a provider is the bare package name, as if it were a resource
 * `aws`; Pulumi's package schema names a package's provider `#/provider`.
 */
export function withProviderReferences(schema: string): string {
  return schema.replace(/(\/schema\.json#)\/resources\/aws"/g, '$1/provider"');
}

export class MultiRegionProvider extends ComponentProvider {
  constructor() {
    super({ components: getPulumiComponents(components), dirname: COMPONENTS_DIR, name: PULUMI_PACKAGE });
  }

  override async getSchema(): Promise<string> {
    return withProviderReferences(await super.getSchema());
  }
}
