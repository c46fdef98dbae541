/* global require, process */
// Preloaded into the policy pack's process by the harness (node --require). The pack's gRPC server keeps
// the process alive for ever; if the harness dies without closing it (a killed test run), the pipe on stdin
// closes and this ends the pack instead of leaving it behind. The pack itself never reads stdin.
// Node also runs --require preloads in the module-loader thread that tsx's hooks use: touching stdin there
// stalls module loading, so only the main thread watches.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload, by design
if (require("node:worker_threads").isMainThread) {
  process.stdin.on("end", () => process.exit(0));
  process.stdin.on("error", () => process.exit(0));
  process.stdin.resume();
}
