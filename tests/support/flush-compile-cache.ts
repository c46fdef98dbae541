// Writes what this test worker has compiled so far to Node's on-disk compile cache (tools/test.mjs turns it
// on). Node writes it only when a process exits, so without this the preview CLIs and policy packs the tests
// start would each compile @pulumi/pulumi, @pulumi/aws and the policy SDK again on a fresh clone.
import * as nodeModule from "node:module";

// Node 22.10 and later; the project asks for 22.13 or 24.
nodeModule.flushCompileCache?.();
