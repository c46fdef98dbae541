/**
 * The few Route 53 calls the drill makes, behind one small wrapper so the drill reads as a procedure and
 * tests can mock the SDK client (aws-sdk-client-mock) underneath it.
 */
import {
  GetHealthCheckCommand,
  GetHealthCheckStatusCommand,
  GetHostedZoneCommand,
  Route53Client,
  UpdateHealthCheckCommand,
} from "@aws-sdk/client-route-53";
import { judgeCheckerReports, type CheckerVerdict } from "@multi-region-api/model/route53/health-rule";

export interface HealthCheckSettings {
  id: string;
  inverted: boolean;
  disabled: boolean;
  /** Passed back on update so Route 53 rejects our change if someone else changed the check meanwhile. */
  version: number | undefined;
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

  /** The zone's authoritative name servers: its delegation set. */
  async getNameServers(hostedZoneId: string): Promise<string[]> {
    const answer = await this.client.send(new GetHostedZoneCommand({ Id: hostedZoneId }), {
      abortSignal: this.signal,
    });
    return answer.DelegationSet?.NameServers ?? [];
  }
}
