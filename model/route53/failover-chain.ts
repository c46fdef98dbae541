/**
 * The shape of the failover records for any number of regions, as plain data.
 *
 * Route 53 failover groups hold exactly one PRIMARY and one SECONDARY. For more than two regions the
 * SECONDARY of each level is an alias (evaluate target health on) to an intermediate name in the same
 * zone whose own pair carries on down the list; Route 53 "backs out of that branch" when nothing in it
 * is healthy (Route 53 DG, complex configurations). For regions [a, b, c, d] and name api.example.com:
 *
 *   api.example.com             PRIMARY → a    SECONDARY → failover-1.api.example.com
 *   failover-1.api.example.com  PRIMARY → b    SECONDARY → failover-2.api.example.com
 *   failover-2.api.example.com  PRIMARY → c    SECONDARY → d
 */

export type FailoverRole = "PRIMARY" | "SECONDARY";

export interface PlannedFailoverRecord {
  /** The record's name: the failover name itself at level 0, an intermediate name below it. */
  readonly name: string;
  readonly role: FailoverRole;
  readonly setIdentifier: string;
  /** A region's endpoint (by its index in priority order), or the next intermediate name. */
  readonly target: { readonly region: string; readonly regionIndex: number } | { readonly chainName: string };
}

/** The intermediate name of level `level` (1-based): `failover-<level>.<recordName>`. */
export function intermediateName(recordName: string, level: number): string {
  return `failover-${level}.${recordName}`;
}

/** Every failover record for `regions` in priority order (first = primary). Needs at least two regions. */
export function planFailoverChain(recordName: string, regions: readonly string[]): PlannedFailoverRecord[] {
  if (regions.length < 2) {
    throw new Error(`failover needs at least 2 regions, got ${regions.length}`);
  }
  const nameOfLevel = (level: number) => (level === 0 ? recordName : intermediateName(recordName, level));
  const records: PlannedFailoverRecord[] = [];
  for (let level = 0; level < regions.length - 1; level++) {
    const name = nameOfLevel(level);
    records.push({
      name,
      role: "PRIMARY",
      setIdentifier: `primary-${regions[level]}`,
      target: { region: regions[level], regionIndex: level },
    });
    const last = level === regions.length - 2;
    records.push(
      last
        ? {
            name,
            role: "SECONDARY",
            setIdentifier: `secondary-${regions[level + 1]}`,
            target: { region: regions[level + 1], regionIndex: level + 1 },
          }
        : {
            name,
            role: "SECONDARY",
            setIdentifier: `secondary-failover-${level + 1}`,
            target: { chainName: nameOfLevel(level + 1) },
          },
    );
  }
  return records;
}
