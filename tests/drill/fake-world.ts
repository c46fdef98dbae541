/**
 * A simulated Route 53 + API for drill tests: a fake clock, mocked Route53 and CloudWatch clients
 * (aws-sdk-client-mock) whose answers depend on when the primary's health check was inverted or restored,
 * a fake resolver for the zone's name servers (and the system's), and a fake HTTP probe. Times are seconds after the UpdateHealthCheck call; `undefined` means "never".
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import {
  GetHealthCheckCommand,
  GetHealthCheckStatusCommand,
  GetHostedZoneCommand,
  Route53Client,
  UpdateHealthCheckCommand,
  type UpdateHealthCheckCommandInput,
} from "@aws-sdk/client-route-53";
import { mockClient } from "aws-sdk-client-mock";
import type { DnsLookup } from "../../tools/drill/authoritative-dns";
import type { Clock } from "../../tools/ops-kit/clock";
import type { ProbeResult } from "../../tools/drill/http-probe";
import type { CliDeps } from "../../tools/drill/run-cli";

export const OUTPUTS_FILE = join(__dirname, "fixtures", "prod-outputs.json");
export const PRIMARY = "us-east-1";
export const NEXT = "eu-west-1";
export const PRIMARY_HC = "hc-use1-0000-1111";
export const NEXT_HC = "hc-euw1-2222-3333";
const REGIONAL_DOMAIN = {
  [PRIMARY]: "d-use1abcdef.execute-api.us-east-1.amazonaws.com",
  [NEXT]: "d-euw1ghijkl.execute-api.eu-west-1.amazonaws.com",
} as const;
/** API Gateway rotates addresses: Route 53 and our resolver may return different subsets of a pool. */
const ADDRESS_POOL = {
  [PRIMARY]: ["3.5.0.1", "3.5.0.2", "3.5.0.3"],
  [NEXT]: ["52.16.0.1", "52.16.0.2", "52.16.0.3"],
} as const;
const CHECKERS = 16;
/** The zone's delegation set, and the addresses the system resolver gives for it. */
export const NAME_SERVERS = ["ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk"];
const NAME_SERVER_ADDRESSES: Readonly<Record<string, string>> = {
  "ns-1.awsdns-01.org": "205.251.192.1",
  "ns-2.awsdns-02.co.uk": "205.251.194.2",
};

export function readFixtureOutputs(): Record<string, unknown> {
  return JSON.parse(readFileSync(OUTPUTS_FILE, "utf8")) as Record<string, unknown>;
}

export class FakeClock implements Clock {
  nowMs = 1_000_000;
  /** Called after each sleep with the new time, e.g. to send a SIGINT at a chosen moment. */
  onSleep?: (nowMs: number) => void;

  now(): number {
    return this.nowMs;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.nowMs += ms;
    this.onSleep?.(this.nowMs);
    signal?.throwIfAborted();
  }
}

export interface Scenario {
  primaryInverted?: boolean;
  primaryDisabled?: boolean;
  nextInverted?: boolean;
  /** Checkers (of 16) reporting success for the next region; 16 unless said. */
  nextSuccesses?: number;
  /** Who serves /health before the drill; the primary unless said. */
  servedBefore?: string;
  failover?: { detectAfter?: number; dnsAfter?: number; trafficAfter?: number };
  failback?: { detectAfter?: number; dnsAfter?: number; trafficAfter?: number };
}

type Move = { detectAfter?: number; dnsAfter?: number; trafficAfter?: number };
type Signal = keyof Move;

export class FakeWorld {
  readonly clock = new FakeClock();
  readonly route53 = mockClient(Route53Client);
  readonly cloudWatch = mockClient(CloudWatchClient);
  /** The servers each resolver the drill created asks. */
  readonly resolverServers: string[][] = [];
  /** Errors the next queries to the zone's name servers fail with (one per query). */
  readonly dnsFailures: Error[] = [];
  /** Fail every query to the zone's name servers with this error. */
  dnsAlwaysFails?: Error;
  readonly output: string[] = [];
  readonly errors: string[] = [];
  readonly probeUrls: string[] = [];
  /** Fake-clock seconds since the drill's invert call, of every UpdateHealthCheck call. */
  readonly updateSeconds: number[] = [];
  private inverted: boolean;
  private invertedAtMs?: number;
  private restoredAtMs?: number;
  private route53Pick = 0;
  private resolverPick = 0;

  constructor(private readonly scenario: Scenario = {}) {
    this.inverted = scenario.primaryInverted ?? false;
    this.route53.reset();
    this.cloudWatch.reset();
    this.route53.on(GetHostedZoneCommand).resolves({
      HostedZone: { Id: "/hostedzone/Z0123456789EXAMPLE", Name: "example.com.", CallerReference: "ref" },
      DelegationSet: { NameServers: NAME_SERVERS },
    });
    // HealthCheckStatus: 1 while Route 53 considers the primary healthy, else 0, stamped with the minute.
    this.cloudWatch.on(GetMetricDataCommand).callsFake(() => ({
      MetricDataResults: [
        {
          Id: "status",
          Values: [this.regionAnswering("detectAfter") === PRIMARY ? 1 : 0],
          Timestamps: [new Date(Math.floor(this.clock.now() / 60_000) * 60_000)],
        },
      ],
    }));
    this.route53.on(GetHealthCheckCommand).callsFake((input: { HealthCheckId: string }) => {
      const primary = input.HealthCheckId === PRIMARY_HC;
      return {
        HealthCheck: {
          Id: input.HealthCheckId,
          CallerReference: "ref",
          HealthCheckVersion: primary ? 7 : 3,
          HealthCheckConfig: {
            Type: "HTTPS_STR_MATCH",
            Inverted: primary ? this.inverted : (scenario.nextInverted ?? false),
            Disabled: primary ? (scenario.primaryDisabled ?? false) : false,
          },
        },
      };
    });
    this.route53.on(UpdateHealthCheckCommand).callsFake((input: UpdateHealthCheckCommandInput) => {
      this.updateSeconds.push((this.clock.now() - (this.invertedAtMs ?? this.clock.now())) / 1000);
      if (input.HealthCheckId === PRIMARY_HC && input.Inverted !== undefined) {
        this.inverted = input.Inverted;
        if (input.Inverted) this.invertedAtMs = this.clock.now();
        else this.restoredAtMs = this.clock.now();
      }
      return { HealthCheck: {} };
    });
    this.route53.on(GetHealthCheckStatusCommand).callsFake((input: { HealthCheckId: string }) => {
      const successes =
        input.HealthCheckId === PRIMARY_HC
          ? this.regionAnswering("detectAfter") === PRIMARY
            ? CHECKERS
            : 0
          : (scenario.nextSuccesses ?? CHECKERS);
      return { HealthCheckObservations: this.observations(successes) };
    });
  }

  /** The zone's name servers: their answer follows Route 53's decision, a few of the pool's addresses. */
  private authoritativeResolver(servers: readonly string[]): DnsLookup {
    this.resolverServers.push([...servers]);
    const answer = async (): Promise<string[]> => {
      const failure = this.dnsFailures.shift() ?? this.dnsAlwaysFails;
      if (failure) throw failure;
      const pool = ADDRESS_POOL[this.regionAnswering("dnsAfter") as keyof typeof ADDRESS_POOL];
      return [pool[this.route53Pick++ % pool.length] ?? ""];
    };
    return {
      resolve4: answer,
      resolveCname: async () => [
        REGIONAL_DOMAIN[this.regionAnswering("dnsAfter") as keyof typeof REGIONAL_DOMAIN],
      ],
    };
  }

  private observations(successes: number) {
    return Array.from({ length: CHECKERS }, (_, i) => ({
      Region: "us-east-1",
      IPAddress: `15.177.0.${i}`,
      StatusReport: {
        Status:
          i < successes ? "Success: HTTP Status Code 200, OK" : "Failure: Resolved IP: 1.2.3.4. Timeout.",
      },
    }));
  }

  /** Which region a signal points at now, given when the primary was inverted and restored. */
  regionAnswering(signal: Signal): string {
    const now = this.clock.now();
    if (this.inverted && this.invertedAtMs !== undefined) {
      const after = this.scenario.failover?.[signal];
      return after !== undefined && now - this.invertedAtMs >= after * 1000 ? NEXT : PRIMARY;
    }
    if (this.inverted) return NEXT; // inverted before the drill began
    if (this.restoredAtMs !== undefined) {
      const after = this.scenario.failback?.[signal];
      return after !== undefined && now - this.restoredAtMs >= after * 1000 ? PRIMARY : NEXT;
    }
    return PRIMARY;
  }

  /** Calls of UpdateHealthCheck, in order: the drill's only mutating call. */
  updateCalls(): UpdateHealthCheckCommandInput[] {
    return this.route53.commandCalls(UpdateHealthCheckCommand).map((call) => call.args[0].input);
  }

  deps(overrides: Partial<CliDeps> = {}): CliDeps {
    return {
      print: (line) => this.output.push(line),
      printError: (line) => this.errors.push(line),
      createRoute53Client: () => new Route53Client({ region: "us-east-1" }),
      createCloudWatchClient: () => new CloudWatchClient({ region: "us-east-1" }),
      createResolver: (servers) => this.authoritativeResolver(servers),
      resolveAddresses: async (hostname) => {
        const nameServer = NAME_SERVER_ADDRESSES[hostname];
        if (nameServer !== undefined) return [nameServer];
        const region = Object.entries(REGIONAL_DOMAIN).find(([, name]) => name === hostname)?.[0];
        const pool: readonly string[] = ADDRESS_POOL[region as keyof typeof ADDRESS_POOL] ?? [];
        if (pool.length === 0) return [];
        const first = this.resolverPick++;
        return [pool[first % pool.length] ?? "", pool[(first + 1) % pool.length] ?? ""];
      },
      probe: async (url): Promise<ProbeResult> => {
        this.probeUrls.push(url);
        const servedBy =
          this.invertedAtMs === undefined && this.scenario.servedBefore !== undefined
            ? this.scenario.servedBefore
            : this.regionAnswering("trafficAfter");
        return { status: 200, servedBy };
      },
      clock: this.clock,
      ...overrides,
    };
  }

  text(): string {
    return this.output.join("\n");
  }
}
