// Runs first in `npm test`, `npm run preview` and `npm run drill` (package.json): on an older Node they fail
// late and obscurely (vitest after a minute: "'node:fs' does not provide an export named 'globSync'"), so
// this stops at once, naming the Node they need and the command that provides it. Plain JavaScript with no
// imports, so that it runs on any Node.
const SUPPORTED = "22.13 or later 22.x, or 24 and later (package.json engines)";

/** Whether a `process.versions.node` string is one the project supports. */
export function isSupportedNode(version) {
  const [major, minor] = version.split(".").map(Number);
  return major >= 24 || (major === 22 && minor >= 13);
}

export function unsupportedNodeMessage(version) {
  return [
    `error: this project needs Node ${SUPPORTED}; this is Node ${version}.`,
    "Run `source tools/use-node.sh` (it installs Node 24 from the npm registry into .tools/node and puts it",
    "first on PATH in this shell), then the same command again.",
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const version = process.env.MULTIREGION_PRETEND_NODE_VERSION ?? process.versions.node;
  if (!isSupportedNode(version)) {
    process.stderr.write(`${unsupportedNodeMessage(version)}\n`);
    process.exit(1);
  }
}
