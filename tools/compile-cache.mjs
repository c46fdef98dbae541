// Node's on-disk compile cache (Node 22.1+) for this process and every child it starts: `npm test`'s
// checks and vitest's workers, the offline preview and its policy pack process all load the same large
// modules (@pulumi/pulumi alone pulls in TypeScript and npm's arborist), and compiling them once saves about
// a third of that time. It caches V8's compilation of unchanged files only, so it cannot change a result.
// Preloaded with `node --import ./tools/compile-cache.mjs`, or imported first.
import module from "node:module";
import { join } from "node:path";

process.env.NODE_COMPILE_CACHE ??= join(
  import.meta.dirname,
  "..",
  "node_modules",
  ".cache",
  "node-compile-cache",
);
module.enableCompileCache?.(process.env.NODE_COMPILE_CACHE);
