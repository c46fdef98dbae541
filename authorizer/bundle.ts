/**
 * The authorizer as one CommonJS file with `jose` inside, built by esbuild at deploy time like the app
 * (backend/user-data.ts): Lambda gets a self-contained `index.js` and never runs npm.
 */
import * as path from "node:path";
import { bundleForNode } from "../backend/bundle";

/** esbuild's syntax target: never newer than the Lambda runtime (AUTHORIZER_RUNTIME). */
const BUNDLE_TARGET = "node22";

let cached: string | undefined;

/** Built once per process: every region's authorizer ships the same code. */
export function bundleAuthorizer(): string {
  if (cached !== undefined) return cached;
  cached = bundleForNode(path.join(__dirname, "lambda.ts"), BUNDLE_TARGET);
  return cached;
}
