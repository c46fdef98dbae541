/**
 * One TypeScript entry point bundled by esbuild into a single CommonJS file for Node.js: everything it
 * imports is inside, so the machine that runs it (an EC2 instance, a Lambda function) never runs npm.
 */
import { buildSync } from "esbuild";
import * as path from "node:path";

/** Bundles `entryFile` (absolute) for the given esbuild target, e.g. `node22`; minified, no comments. */
export function bundleForNode(entryFile: string, target: string): string {
  const result = buildSync({
    entryPoints: [entryFile],
    // Relative to the repo, so the output does not depend on where the repo is checked out.
    absWorkingDir: path.resolve(__dirname, ".."),
    bundle: true,
    platform: "node",
    format: "cjs",
    target,
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error(`esbuild produced no output for ${entryFile}`);
  return output.text;
}
