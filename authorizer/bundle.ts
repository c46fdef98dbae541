/**
 * The authorizer as one CommonJS file with `jose` inside, built by esbuild at deploy time like the app
 * (backend/user-data.ts): Lambda gets a self-contained `index.js` and never runs npm.
 */
import { buildSync } from "esbuild";
import * as path from "node:path";

/** esbuild's syntax target: never newer than the Lambda runtime (AUTHORIZER_RUNTIME). */
const BUNDLE_TARGET = "node22";

let cached: string | undefined;

/** Built once per process: every region's authorizer ships the same code. */
export function bundleAuthorizer(): string {
  if (cached !== undefined) return cached;
  const result = buildSync({
    entryPoints: [path.join(__dirname, "lambda.ts")],
    absWorkingDir: path.resolve(__dirname, ".."),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: BUNDLE_TARGET,
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error("bundleAuthorizer: esbuild produced no output");
  cached = output.text;
  return cached;
}
