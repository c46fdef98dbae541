/**
 * `npm run bench:backend [-- --json]`: the users app under load over loopback, as built for the
 * instances, on dynalite, then under three faults (store paused, store killed, IMDS failing). Prints the
 * report (docs/api.md, "Load and faults on loopback"); exits 1 if any acknowledged write is missing from
 * the table or any key was written twice, which is the one thing the bench asserts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { DEFAULT_CAPACITY } from "../../config/schema";
import { createUsersTable } from "../stand-ins/dynalite-api";
import { accountWrites, WriteLedger } from "./accounting";
import { startApp, type AppProcess } from "./app-process";
import { startDynalite, type DynaliteProcess } from "./dynalite-process";
import { startFakeImds, type FakeImds } from "./fake-imds";
import { CREDENTIALS_LIFETIME_MS, faultPhases, loadPhases } from "./phases";
import { formatReport, requestsPerInstanceEstimate, writesIntact, type BenchReport } from "./report";
import { scanAll } from "./table-scan";

const REGION = "eu-west-1";
const TABLE = "users";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { json: { type: "boolean", default: false } } });
  const started = performance.now();
  const dataPath = mkdtempSync(path.join(tmpdir(), "bench-backend-"));
  let dynalite: DynaliteProcess | undefined;
  let imds: FakeImds | undefined;
  let app: AppProcess | undefined;
  try {
    dynalite = await startDynalite(path.join(dataPath, "leveldb"));
    imds = await startFakeImds(CREDENTIALS_LIFETIME_MS);
    await createUsersTable(dynalite.endpoint, TABLE);
    app = await startApp({ region: REGION, dynamodb: dynalite.endpoint, imds: imds.endpoint }, TABLE);
    const bench = { baseUrl: app.baseUrl, dynalite, imds, ledger: new WriteLedger() };
    const phases = await loadPhases(bench);
    const faults = await faultPhases(bench);
    const writes = accountWrites(bench.ledger, await scanAll(dynalite.endpoint, TABLE));
    const report: BenchReport = {
      seconds: (performance.now() - started) / 1000,
      cpus: availableParallelism(),
      phases,
      faults,
      writes,
      requestsPerInstanceEstimate: requestsPerInstanceEstimate(phases),
      defaultRequestsPerInstance: DEFAULT_CAPACITY.requestsPerInstance,
      appLog: { ...app.logEvents },
      imdsCredentialsIssued: imds.issued,
    };
    console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return writesIntact(writes) ? 0 : 1;
  } finally {
    await app?.stop();
    await dynalite?.stop();
    await imds?.close();
    rmSync(dataPath, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
