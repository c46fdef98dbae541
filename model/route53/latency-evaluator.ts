import { canonicalDnsName } from "./knowledge";
import { evaluatedRecordFromInputs, type EvaluatedRecord } from "./failover-evaluator";

/**
 * Route 53's answer for a name with latency records, for one client, given which health checks pass: a small
 * model of the Route 53 Developer Guide ("How Amazon Route 53 chooses records when health checking is
 * configured", and the latency routing section), beside the failover model of `failover-evaluator.ts`.
 *
 * - The group is every latency record of the name and type: one per region (API Reference, ResourceRecordSet
 *   `Region`); the strict mocks refuse a non-latency record beside them, as Route 53 does.
 * - A record is healthy when its health check (if any) passes; a record without one counts as healthy.
 * - Route 53 answers with the healthy record whose region has the lowest latency to the client.
 * - When no record is healthy, Route 53 treats them all as healthy: the client's nearest region answers.
 *
 * A client's latency is modelled as an order of the regions, nearest first. Aliases to records of the same
 * zone are not modelled here (the program's latency records alias AWS resources or are CNAMEs).
 */

export interface LatencyRecord extends EvaluatedRecord {
  /** The region of `latencyRoutingPolicies[0]`. */
  readonly latencyRegion: string;
}

const firstOf = (value: unknown): Record<string, unknown> | undefined =>
  Array.isArray(value) && value.length > 0 ? (value[0] as Record<string, unknown>) : undefined;

/** An `aws.route53.Record`'s inputs as a latency record, or undefined when it has no latency policy. */
export function latencyRecordFromInputs(
  inputs: Readonly<Record<string, unknown>>,
): LatencyRecord | undefined {
  const region = firstOf(inputs.latencyRoutingPolicies)?.region;
  return typeof region === "string"
    ? { ...evaluatedRecordFromInputs(inputs), latencyRegion: region }
    : undefined;
}

export interface LatencyResolution {
  readonly record: LatencyRecord;
  /** False when no record was healthy and Route 53 fell back to treating them all as healthy. */
  readonly answeredHealthy: boolean;
}

export class LatencyEvaluator {
  private readonly byName = new Map<string, LatencyRecord[]>();

  constructor(records: readonly LatencyRecord[]) {
    for (const record of records) {
      const key = this.key(record.zoneId, record.name, record.type);
      this.byName.set(key, [...(this.byName.get(key) ?? []), record]);
    }
  }

  /**
   * The record Route 53 answers a client with, when exactly the health checks in `passing` pass and the
   * client's latency to the regions grows in the order of `clientOrder` (nearest first; every region of the
   * set must be ranked).
   */
  resolve(
    zoneId: string,
    name: string,
    type: string,
    passing: ReadonlySet<string>,
    clientOrder: readonly string[],
  ): LatencyResolution {
    const group = this.group(zoneId, name, type);
    const rank = (record: LatencyRecord) => {
      const position = clientOrder.indexOf(record.latencyRegion);
      if (position < 0) {
        throw new Error(`the client order ${clientOrder.join(", ")} does not rank ${record.latencyRegion}`);
      }
      return position;
    };
    const byLatency = [...group].sort((a, b) => rank(a) - rank(b));
    const healthy = byLatency.find((record) => this.isHealthy(record, passing));
    return healthy
      ? { record: healthy, answeredHealthy: true }
      : { record: byLatency[0], answeredHealthy: false };
  }

  private key(zoneId: string, name: string, type: string): string {
    return `${zoneId}|${canonicalDnsName(name)}|${type}`;
  }

  private group(zoneId: string, name: string, type: string): LatencyRecord[] {
    const group = this.byName.get(this.key(zoneId, name, type));
    if (!group || group.length === 0) {
      throw new Error(`no ${type} latency record named ${name} in zone ${zoneId}`);
    }
    const regions = group.map((record) => record.latencyRegion);
    const repeated = regions.find((region, index) => regions.indexOf(region) !== index);
    if (repeated !== undefined) {
      throw new Error(`${name} ${type}: two latency records for ${repeated}; Route 53 allows one per region`);
    }
    return group;
  }

  private isHealthy(record: LatencyRecord, passing: ReadonlySet<string>): boolean {
    if (record.alias && record.alias.zoneId === record.zoneId) {
      throw new Error(
        `${record.name} (${record.setIdentifier}): a latency alias to a record of its own zone is not modelled`,
      );
    }
    return record.healthCheckId === undefined || passing.has(record.healthCheckId);
  }
}

/** Every order of `items`: the N! ways a client's latency to N regions can rank them. */
export function allPermutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) {
    return [[...items]];
  }
  return items.flatMap((item, index) =>
    allPermutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}
