/**
 * The few Route 53 calls the drill makes, behind one small wrapper so the drill reads as a procedure and
 * tests can mock the SDK client (aws-sdk-client-mock) underneath it.
 */
import {
  GetHealthCheckCommand,
  GetHealthCheckStatusCommand,
  Route53Client,
  TestDNSAnswerCommand,
  UpdateHealthCheckCommand,
  type RRType,
} from "@aws-sdk/client-route-53";
import { judgeCheckerReports, type CheckerVerdict } from "./health-rule";

export interface HealthCheckSettings {
  id: string;
  inverted: boolean;
  disabled: boolean;
  /** Passed back on update so Route 53 rejects our change if someone else changed the check meanwhile. */
  version: number | undefined;
}

export interface DnsQuery {
  hostedZoneId: string;
  recordName: string;
  recordType: string;
}

export interface DnsAnswer {
  responseCode: string;
  recordData: string[];
}

/** Route 53 is a global service whose API lives in us-east-1. */
export function createRoute53Client(): Route53Client {
  return new Route53Client({ region: "us-east-1" });
}

export class Route53Api {
  constructor(
    private readonly client: Route53Client,
    private readonly signal?: AbortSignal,
  ) {}

  async getHealthCheckSettings(id: string): Promise<HealthCheckSettings> {
    const answer = await this.client.send(new GetHealthCheckCommand({ HealthCheckId: id }), {
      abortSignal: this.signal,
    });
    const config = answer.HealthCheck?.HealthCheckConfig;
    if (!config) throw new Error(`GetHealthCheck ${id} returned no HealthCheckConfig`);
    return {
      id,
      inverted: config.Inverted === true,
      disabled: config.Disabled === true,
      version: answer.HealthCheck?.HealthCheckVersion,
    };
  }

  async getCheckerVerdict(id: string): Promise<CheckerVerdict> {
    const answer = await this.client.send(new GetHealthCheckStatusCommand({ HealthCheckId: id }), {
      abortSignal: this.signal,
    });
    const statuses = (answer.HealthCheckObservations ?? []).map((o) => o.StatusReport?.Status ?? "");
    return judgeCheckerReports(statuses);
  }

  async setInverted(id: string, inverted: boolean, expectedVersion?: number): Promise<void> {
    await this.client.send(
      new UpdateHealthCheckCommand({
        HealthCheckId: id,
        Inverted: inverted,
        HealthCheckVersion: expectedVersion,
      }),
      // The restore must go out even after Ctrl-C aborted the drill, so it never takes the abort signal.
      inverted ? { abortSignal: this.signal } : {},
    );
  }

  async testDnsAnswer(query: DnsQuery): Promise<DnsAnswer> {
    const answer = await this.client.send(
      new TestDNSAnswerCommand({
        HostedZoneId: query.hostedZoneId,
        RecordName: query.recordName,
        RecordType: query.recordType as RRType,
      }),
      { abortSignal: this.signal },
    );
    return { responseCode: answer.ResponseCode ?? "", recordData: answer.RecordData ?? [] };
  }
}
