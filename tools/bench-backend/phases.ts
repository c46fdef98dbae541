/**
 * The run: the load phases (create, get, list, health), then the faults under a create load, each a few
 * seconds, so the whole bench stays within about 90 s on two cores.
 */
import { performance } from "node:perf_hooks";
import { HEALTH_PATH } from "@multi-region-api/model/contracts/backend";
import type { WriteLedger } from "./accounting";
import { createUser } from "./create-client";
import type { DynaliteProcess } from "./dynalite-process";
import type { FakeImds } from "./fake-imds";
import { httpClient, type HttpClient } from "./http-client";
import { Recorder, runClients, sleep } from "./load";
import type { FaultSummary } from "./report";
import { outcomesWhileFaulted, recoveryMs, summarize, type PhaseSummary } from "./stats";

export const CLIENTS = 16;
/** A list answers up to 1,000 users (DynamoDbUserStore's cap), ~150 KB: fewer clients keep it from swamping the run. */
const LIST_CLIENTS = 4;
const PHASE_MS = 4_000;
/** Above the store's own 3 s timeout, so a stalled store shows as the app's 503, as API Gateway would relay it. */
const CLIENT_TIMEOUT_MS = 5_000;
/** How long after a phase's end a client may still retry the create it has started. */
const RETRY_GRACE_MS = 8_000;
const HEALTH_PROBE_EVERY_MS = 100;

export interface Bench {
  readonly baseUrl: string;
  readonly dynalite: DynaliteProcess;
  readonly imds: FakeImds;
  readonly ledger: WriteLedger;
}

async function withClient<T>(
  bench: Bench,
  sockets: number,
  use: (client: HttpClient) => Promise<T>,
): Promise<T> {
  const client = httpClient(bench.baseUrl, sockets, CLIENT_TIMEOUT_MS);
  try {
    return await use(client);
  } finally {
    client.close();
  }
}

/** `clients` making GET requests of `path()` for PHASE_MS; a 200 is the success. */
function readPhase(bench: Bench, name: string, clients: number, path: () => string): Promise<PhaseSummary> {
  return withClient(bench, clients, async (client) => {
    const recorder = new Recorder();
    const took = await runClients(clients, PHASE_MS, async () => {
      await recorder.time(() => client.send("GET", path()));
    });
    return summarize(name, clients, took, recorder.attempts, 200);
  });
}

function createPhase(bench: Bench, name: string, durationMs: number): Promise<PhaseSummary> {
  return withClient(bench, CLIENTS, async (client) => {
    const recorder = new Recorder();
    const giveUpAt = performance.now() + durationMs + RETRY_GRACE_MS;
    const took = await runClients(CLIENTS, durationMs, () =>
      createUser(client, bench.ledger, recorder, giveUpAt),
    );
    return summarize(name, CLIENTS, took, recorder.attempts, 201);
  });
}

/** Until `/health` answers 200 (a phase must not start inside the previous one's outage), at most `withinMs`. */
async function waitHealthy(bench: Bench, withinMs: number): Promise<void> {
  await withClient(bench, 1, async (client) => {
    const deadline = performance.now() + withinMs;
    while ((await client.send("GET", HEALTH_PATH)).status !== 200) {
      if (performance.now() > deadline)
        throw new Error(`the app is not healthy ${withinMs} ms after a phase`);
      await sleep(HEALTH_PROBE_EVERY_MS);
    }
  });
}

export async function loadPhases(bench: Bench): Promise<PhaseSummary[]> {
  // Untimed: JIT, connection pools and the first credentials, as on any instance past its first second.
  await createPhase(bench, "warm-up", 1_000);
  const create = await createPhase(bench, "POST /v1/users", PHASE_MS);
  const ids = [...bench.ledger.entries().values()].flatMap((acknowledged) => [...acknowledged]);
  const get = await readPhase(
    bench,
    "GET /v1/users/{id}",
    CLIENTS,
    () => `/v1/users/${ids[Math.floor(Math.random() * ids.length)]}`,
  );
  const list = await readPhase(bench, "GET /v1/users", LIST_CLIENTS, () => "/v1/users");
  const health = await readPhase(bench, `GET ${HEALTH_PATH}`, CLIENTS, () => HEALTH_PATH);
  return [create, get, list, health];
}

interface Fault {
  readonly name: string;
  readonly fault: string;
  readonly startAfterMs: number;
  readonly lastsMs: number;
  /** The phase's length; the fault must be over well before it ends, so that recovery can show. */
  readonly phaseMs: number;
  begin(): void;
  /** Resolves once the fault is over (for a restart: once the store listens again). */
  end(): Promise<void>;
}

async function faultPhase(bench: Bench, fault: Fault): Promise<FaultSummary> {
  return withClient(bench, CLIENTS, (client) =>
    withClient(bench, 1, async (prober) => {
      const load = new Recorder();
      const health = new Recorder(load.startedAt);
      const giveUpAt = load.startedAt + fault.phaseMs + RETRY_GRACE_MS;
      let done = false;
      const probing = (async () => {
        while (!done) {
          await health.time(() => prober.send("GET", HEALTH_PATH));
          await sleep(HEALTH_PROBE_EVERY_MS);
        }
      })();
      const window = (async () => {
        await sleep(fault.startAfterMs);
        const startedAt = load.elapsed();
        fault.begin();
        await sleep(fault.lastsMs);
        await fault.end();
        return { startedAt, endedAt: load.elapsed() };
      })();
      const took = await runClients(CLIENTS, fault.phaseMs, () =>
        createUser(client, bench.ledger, load, giveUpAt),
      );
      const { startedAt, endedAt } = await window;
      done = true;
      await probing;
      const firstFailure = load.attempts
        .filter(({ at, outcome }) => at >= startedAt && outcome !== 201)
        .reduce((first, { at }) => Math.min(first, at), Infinity);
      return {
        name: fault.name,
        fault: fault.fault,
        load: summarize("POST /v1/users", CLIENTS, took, load.attempts, 201),
        whileFaulted: outcomesWhileFaulted(load.attempts, startedAt, endedAt, 201),
        firstFailureMs: firstFailure === Infinity ? undefined : firstFailure - startedAt,
        recoveryMs: recoveryMs(load.attempts, endedAt, 201),
        healthRecoveryMs: recoveryMs(health.attempts, endedAt, 200),
      };
    }),
  );
}

/** How long the fake IMDS's credentials live; see faultPhases. */
export const CREDENTIALS_LIFETIME_MS = 5_000;

export async function faultPhases(bench: Bench): Promise<FaultSummary[]> {
  const { dynalite, imds } = bench;
  const faults: Fault[] = [
    {
      name: "store paused",
      fault: "SIGSTOP dynalite for 5 s (its sockets stay open, nothing answers), then SIGCONT",
      startAfterMs: 3_000,
      lastsMs: 5_000,
      phaseMs: 12_000,
      begin: () => dynalite.pause(),
      end: async () => dynalite.resume(),
    },
    {
      name: "store killed",
      fault: "SIGKILL dynalite, restarted 3 s later on the same port and LevelDB directory (--path)",
      startAfterMs: 3_000,
      lastsMs: 3_000,
      phaseMs: 11_000,
      begin: () => void dynalite.kill(),
      end: () => dynalite.restart(),
    },
    {
      // Longer than the credentials live, so the app's cache runs out; the phase leaves room for its backoff.
      name: "IMDS failing",
      fault: `IMDS answers 500 for 8 s (credentials live ${CREDENTIALS_LIFETIME_MS / 1000} s here, 6 h on EC2)`,
      startAfterMs: 2_000,
      lastsMs: 8_000,
      phaseMs: 22_000,
      begin: () => {
        imds.failing = true;
      },
      end: async () => {
        imds.failing = false;
      },
    },
  ];
  const summaries: FaultSummary[] = [];
  for (const fault of faults) {
    summaries.push(await faultPhase(bench, fault));
    await waitHealthy(bench, 30_000);
  }
  return summaries;
}
