/**
 * Lost and doubled writes: what clients were told against what the table holds at the end. Pure.
 *
 * Each create carries its Idempotency-Key in the user's name (`userFor`), so a stored item names the key
 * that wrote it whatever id the app gave it: a key stored twice shows even if the two items have two ids.
 */
import type { NewUser } from "../../backend/users";

const NAME_PREFIX = "bench ";

export function userFor(key: string): NewUser {
  return { name: `${NAME_PREFIX}${key}`, email: `${key}@bench.example` };
}

export function keyOfName(name: string): string | undefined {
  return name.startsWith(NAME_PREFIX) ? name.slice(NAME_PREFIX.length) : undefined;
}

/** Per key, what its client was told: the ids of the users its 201 answers carried (none: never a 201). */
export class WriteLedger {
  readonly #acknowledged = new Map<string, Set<string>>();

  attempt(key: string): void {
    if (!this.#acknowledged.has(key)) this.#acknowledged.set(key, new Set());
  }

  acknowledge(key: string, id: string): void {
    this.attempt(key);
    this.#acknowledged.get(key)!.add(id);
  }

  entries(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.#acknowledged;
  }
}

export interface StoredItem {
  readonly id: string;
  readonly name: string;
}

export interface WriteAccount {
  readonly attempted: number;
  readonly acknowledged: number;
  readonly storedItems: number;
  /** Acknowledged with a 201 whose user is absent from the table. */
  readonly lost: number;
  /**
   * Writes beyond one per key: a key with more than one item, a key answered with two different users,
   * and items no attempted key accounts for (the item count above the distinct keys).
   */
  readonly doubled: number;
  /** In the table but never acknowledged: the client gave up on a write that had in fact landed. */
  readonly storedUnacknowledged: number;
  /** Neither acknowledged nor stored: the client gave up and nothing was written, which is consistent. */
  readonly notWritten: number;
}

export function accountWrites(ledger: WriteLedger, items: readonly StoredItem[]): WriteAccount {
  const itemsByKey = new Map<string, StoredItem[]>();
  let unaccounted = 0;
  for (const item of items) {
    const key = keyOfName(item.name);
    if (key === undefined || !ledger.entries().has(key)) {
      unaccounted += 1;
      continue;
    }
    itemsByKey.set(key, [...(itemsByKey.get(key) ?? []), item]);
  }
  let acknowledged = 0;
  let lost = 0;
  let doubled = unaccounted;
  let storedUnacknowledged = 0;
  let notWritten = 0;
  for (const [key, ids] of ledger.entries()) {
    const stored = itemsByKey.get(key) ?? [];
    doubled += Math.max(0, stored.length - 1) + Math.max(0, ids.size - 1);
    if (ids.size === 0) {
      if (stored.length > 0) storedUnacknowledged += 1;
      else notWritten += 1;
      continue;
    }
    acknowledged += 1;
    for (const id of ids) if (!stored.some((item) => item.id === id)) lost += 1;
  }
  return {
    attempted: ledger.entries().size,
    acknowledged,
    storedItems: items.length,
    lost,
    doubled,
    storedUnacknowledged,
    notWritten,
  };
}
