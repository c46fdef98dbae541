import { canonicalDnsName } from "./knowledge";

/**
 * Route 53's answer for a name, given its records and which health checks pass: a small model of the
 * rules in the Route 53 Developer Guide ("How Amazon Route 53 chooses records when health checking is
 * configured"), used to prove that the records FailoverDns creates answer with the first healthy region.
 *
 * - A record is healthy when its health check (if any) passes and, for an alias with evaluate target
 *   health to another record of the zone, when something in that branch is healthy.
 * - A record without a health check counts as healthy.
 * - In a failover group the PRIMARY answers while healthy, else the SECONDARY while healthy; when neither
 *   is healthy Route 53 treats both as healthy and answers with the PRIMARY (docs/aws-facts.md#both-unhealthy-answers-primary; the seed's "no
 *   answer at all" is wrong).
 * - An alias to a record of the same zone is followed; an alias to an AWS resource (or a CNAME's value) is
 *   the answer.
 */

export interface EvaluatedRecord {
  readonly zoneId: string;
  readonly name: string;
  readonly type: string;
  readonly setIdentifier?: string;
  readonly failover?: "PRIMARY" | "SECONDARY";
  readonly healthCheckId?: string;
  readonly alias?: { readonly name: string; readonly zoneId: string; readonly evaluateTargetHealth: boolean };
  readonly values?: readonly string[];
}

const asString = (value: unknown) => (typeof value === "string" ? value : undefined);
const firstOf = (value: unknown): Record<string, unknown> | undefined =>
  Array.isArray(value) && value.length > 0 ? (value[0] as Record<string, unknown>) : undefined;

/** An `aws.route53.Record`'s inputs (as the engine sees them) in the evaluator's terms. */
export function evaluatedRecordFromInputs(inputs: Readonly<Record<string, unknown>>): EvaluatedRecord {
  const alias = firstOf(inputs.aliases);
  const failover = asString(firstOf(inputs.failoverRoutingPolicies)?.type);
  return {
    zoneId: String(inputs.zoneId),
    name: String(inputs.name),
    type: String(inputs.type),
    setIdentifier: asString(inputs.setIdentifier),
    failover: failover === "PRIMARY" || failover === "SECONDARY" ? failover : undefined,
    healthCheckId: asString(inputs.healthCheckId),
    alias: alias && {
      name: String(alias.name),
      zoneId: String(alias.zoneId),
      evaluateTargetHealth: alias.evaluateTargetHealth === true,
    },
    values: Array.isArray(inputs.records) ? inputs.records.map(String) : undefined,
  };
}

export interface Resolution {
  /** The record whose target is the answer. */
  readonly record: EvaluatedRecord;
  /** The names Route 53 walked through, starting at the queried one. */
  readonly path: readonly string[];
}

export class FailoverEvaluator {
  private readonly byName = new Map<string, EvaluatedRecord[]>();

  constructor(records: readonly EvaluatedRecord[]) {
    for (const record of records) {
      const key = this.key(record.zoneId, record.name, record.type);
      this.byName.set(key, [...(this.byName.get(key) ?? []), record]);
    }
  }

  /** The record Route 53 answers with for `name`, when exactly the health checks in `passing` pass. */
  resolve(zoneId: string, name: string, type: string, passing: ReadonlySet<string>): Resolution {
    const path: string[] = [];
    let current = canonicalDnsName(name);
    for (;;) {
      if (path.includes(current)) {
        throw new Error(`alias loop: ${[...path, current].join(" → ")}`);
      }
      path.push(current);
      const chosen = this.choose(this.group(zoneId, current, type), passing);
      if (chosen.alias && chosen.alias.zoneId === zoneId) {
        current = canonicalDnsName(chosen.alias.name);
        continue;
      }
      return { record: chosen, path };
    }
  }

  private key(zoneId: string, name: string, type: string): string {
    return `${zoneId}|${canonicalDnsName(name)}|${type}`;
  }

  private group(zoneId: string, name: string, type: string): EvaluatedRecord[] {
    const group = this.byName.get(this.key(zoneId, name, type));
    if (!group || group.length === 0) {
      throw new Error(`no ${type} record named ${name} in zone ${zoneId}`);
    }
    return group;
  }

  private choose(group: readonly EvaluatedRecord[], passing: ReadonlySet<string>): EvaluatedRecord {
    if (group.every((r) => r.failover === undefined)) {
      if (group.length !== 1) {
        throw new Error(`${group[0].name}: ${group.length} plain records of one name and type`);
      }
      return group[0];
    }
    const primary = group.find((r) => r.failover === "PRIMARY");
    const secondary = group.find((r) => r.failover === "SECONDARY");
    if (!primary || !secondary || group.length !== 2) {
      throw new Error(`${group[0].name}: a failover group needs exactly one PRIMARY and one SECONDARY`);
    }
    if (this.isHealthy(primary, passing, new Set())) return primary;
    if (this.isHealthy(secondary, passing, new Set())) return secondary;
    return primary;
  }

  private isHealthy(record: EvaluatedRecord, passing: ReadonlySet<string>, visiting: Set<string>): boolean {
    if (record.healthCheckId !== undefined && !passing.has(record.healthCheckId)) {
      return false;
    }
    const alias = record.alias;
    if (alias && alias.evaluateTargetHealth && alias.zoneId === record.zoneId) {
      const target = canonicalDnsName(alias.name);
      if (visiting.has(target)) return false;
      visiting.add(target);
      return this.group(record.zoneId, target, record.type).some((r) => this.isHealthy(r, passing, visiting));
    }
    return true;
  }
}

/**
 * A Route 53 health check as the evaluator needs it: what decides its status, not how it probes.
 * `childHealthChecks` and `childHealthThreshold` matter only for a CALCULATED check.
 */
export interface EvaluatedHealthCheck {
  readonly id: string;
  readonly type: string;
  readonly inverted: boolean;
  readonly disabled: boolean;
  readonly childHealthChecks: readonly string[];
  readonly childHealthThreshold: number;
}

/** An `aws.route53.HealthCheck`'s inputs (as the engine sees them) and its ID, in the evaluator's terms. */
export function evaluatedHealthCheckFromInputs(
  id: string,
  inputs: Readonly<Record<string, unknown>>,
): EvaluatedHealthCheck {
  return {
    id,
    type: String(inputs.type),
    inverted: inputs.invertHealthcheck === true,
    disabled: inputs.disabled === true,
    childHealthChecks: Array.isArray(inputs.childHealthchecks) ? inputs.childHealthchecks.map(String) : [],
    childHealthThreshold: typeof inputs.childHealthThreshold === "number" ? inputs.childHealthThreshold : 0,
  };
}

/**
 * The health checks Route 53 reports healthy when exactly the endpoint checks in `endpointsUp` see their
 * endpoint answer healthy (Route 53 API Reference, HealthCheckConfig; docs/aws-facts.md "Drain with an
 * always-unhealthy check"):
 *
 * - an endpoint check measures its endpoint; a CALCULATED check is healthy when at least
 *   `childHealthThreshold` of its children are healthy, so a threshold above the number of children is
 *   always unhealthy and 0 always healthy;
 * - `disabled`: Route 53 stops checking and considers the check healthy;
 * - `inverted` flips the status after that ("unhealthy when the status is healthy and vice versa"), which is
 *   why AWS says to invert, not disable, a check to stop traffic, and why an inverted check is no drain: it
 *   passes while its region is down.
 */
export function healthyCheckIds(
  checks: readonly EvaluatedHealthCheck[],
  endpointsUp: ReadonlySet<string>,
): Set<string> {
  const byId = new Map(checks.map((check) => [check.id, check]));
  const statusOf = (id: string, visiting: readonly string[]): boolean => {
    const check = byId.get(id);
    if (!check) {
      throw new Error(`health check ${id} is not among the health checks`);
    }
    if (visiting.includes(id)) {
      throw new Error(`health check loop: ${[...visiting, id].join(" → ")}`);
    }
    const measured =
      check.type === "CALCULATED"
        ? check.childHealthChecks.filter((child) => statusOf(child, [...visiting, id])).length >=
          check.childHealthThreshold
        : endpointsUp.has(id);
    const status = check.disabled ? true : measured;
    return check.inverted ? !status : status;
  };
  return new Set(checks.filter((check) => statusOf(check.id, [])).map((check) => check.id));
}

/** Every subset of `items`, as sets: the 2^N health states of N health checks. */
export function allSubsets<T>(items: readonly T[]): Set<T>[] {
  return Array.from(
    { length: 2 ** items.length },
    (_, mask) => new Set(items.filter((_, i) => mask & (1 << i))),
  );
}
