/**
 * Which input changes replace a resource: the properties terraform-provider-aws marks `ForceNew` (pulumi-aws
 * is that provider bridged, and a ForceNew property becomes a replacement), with the schema file cited. A
 * type not listed here has no ForceNew property recorded yet: every change to it is an update, which is
 * recorded as a gap in docs/engine-tests.md rather than guessed.
 */
import { isDeepStrictEqual } from "node:util";
import type * as provider from "@pulumi/pulumi/provider";
import { hasUnknowns, type Props } from "./wire";

const FORCE_NEW: Readonly<Record<string, readonly string[]>> = {
  // internal/service/route53/record.go: `name` and `zone_id` are ForceNew (a `set_identifier` change is an
  // update there: the provider deletes and creates the set in one change batch).
  "aws:route53/record:Record": ["name", "zoneId"],
};

/** Keys the engine adds or the provider keeps for itself, never sent to AWS. */
const IGNORED = new Set(["__defaults"]);

const SIG = "4dabf18193072939515e22adb298388d";

function assetHash(value: unknown): unknown {
  const object = value as Props | null;
  return object !== null && typeof object === "object" && object[SIG] !== undefined ? object.hash : undefined;
}

/**
 * `olds` are the inputs the resource was created or last updated with; `state` is what the engine holds.
 * An asset or archive arrives as its hash alone, so it is compared by the hash the engine keeps in the state.
 */
export function diffInputs(type: string, olds: Props, news: Props, state: Props = olds): provider.DiffResult {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)].filter((k) => !IGNORED.has(k)));
  const same = (k: string) =>
    assetHash(news[k]) !== undefined
      ? assetHash(news[k]) === assetHash(state[k])
      : isDeepStrictEqual(olds[k], news[k]);
  const changed = [...keys].filter((k) => hasUnknowns(news[k]) || !same(k));
  const replaces = changed.filter((k) => (FORCE_NEW[type] ?? []).includes(k));
  return { changes: changed.length > 0, replaces };
}
