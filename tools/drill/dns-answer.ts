/**
 * Decides which region a Route 53 answer for the failover record points at.
 *
 * - CNAME records: Route 53 answers with the record's value, which is the region's API Gateway
 *   `regionalDomainName`: compared by name, exactly.
 * - Alias A (or AAAA, with dns.ipv6) records: the zone's name servers answer with the alias target's addresses, not its name. The drill resolves
 *   every region's `regionalDomainName` itself (the same name Route 53 resolves) and attributes the answer
 *   to the one region whose addresses it shares. API Gateway addresses rotate and each lookup may return
 *   a different subset, so the addresses seen for a region are accumulated over the whole drill; AWS's
 *   address ranges are regional, so two regions never share an address. An answer that matches no region
 *   (or several) is reported as unrecognised, and the drill keeps polling.
 */
import { promises as dns } from "node:dns";
import { canonicalDnsName } from "@multi-region-api/model/route53/knowledge";
import type { DnsAnswer } from "./authoritative-dns";

/** The addresses of `hostname` of one family: IPv4 for an A answer, IPv6 for an AAAA answer. */
export type ResolveAddresses = (hostname: string, recordType?: "A" | "AAAA") => Promise<string[]>;

export const resolveWithSystemDns: ResolveAddresses = (hostname, recordType = "A") =>
  recordType === "AAAA" ? dns.resolve6(hostname) : dns.resolve4(hostname);

export interface RecognisedAnswer {
  /** The region the answer points at, or undefined when it cannot be told. */
  region: string | undefined;
  /** The answer in a few words, for the timeline. */
  summary: string;
}

export interface AnswerRecogniser {
  recognise(answer: DnsAnswer): Promise<RecognisedAnswer>;
}

export const SUPPORTED_RECORD_TYPES = ["A", "AAAA", "CNAME"] as const;

export function isSupportedRecordType(
  recordType: string,
): recordType is (typeof SUPPORTED_RECORD_TYPES)[number] {
  return (SUPPORTED_RECORD_TYPES as readonly string[]).includes(recordType);
}

function normaliseName(name: string): string {
  return canonicalDnsName(name.trim());
}

function summarise(answer: DnsAnswer): string {
  if (answer.responseCode && answer.responseCode !== "NOERROR") return answer.responseCode;
  if (answer.recordData.length === 0) return "no data";
  return [...answer.recordData].sort().join(", ");
}

/** regionalDomainName per region, in failover order. */
export type AliasTargets = ReadonlyMap<string, string>;

export function cnameRecogniser(targets: AliasTargets): AnswerRecogniser {
  return {
    recognise: async (answer) => {
      const values = new Set(answer.recordData.map(normaliseName));
      const matches = [...targets].filter(([, target]) => values.has(normaliseName(target)));
      return { region: matches.length === 1 ? matches[0]?.[0] : undefined, summary: summarise(answer) };
    },
  };
}

export function aliasAddressRecogniser(
  targets: AliasTargets,
  resolve: ResolveAddresses,
  recordType: "A" | "AAAA" = "A",
): AnswerRecogniser {
  const knownAddresses = new Map<string, Set<string>>(
    [...targets.keys()].map((region) => [region, new Set()]),
  );

  async function learnAddresses(): Promise<void> {
    await Promise.all(
      [...targets].map(async ([region, target]) => {
        try {
          for (const address of await resolve(target, recordType)) knownAddresses.get(region)?.add(address);
        } catch {
          // A failed lookup only means we learn nothing new this round; earlier addresses still count.
        }
      }),
    );
  }

  return {
    recognise: async (answer) => {
      await learnAddresses();
      const addresses = answer.recordData.map((value) => value.trim());
      const matches = [...knownAddresses]
        .filter(([, known]) => addresses.some((address) => known.has(address)))
        .map(([region]) => region);
      const summary = summarise(answer);
      if (matches.length === 1) return { region: matches[0], summary };
      const why = matches.length === 0 ? "matches no region's addresses" : `matches ${matches.join(" and ")}`;
      return { region: undefined, summary: `${summary} (${why})` };
    },
  };
}

export function recogniserFor(
  recordType: string,
  targets: AliasTargets,
  resolve: ResolveAddresses,
): AnswerRecogniser {
  return recordType === "CNAME"
    ? cnameRecogniser(targets)
    : aliasAddressRecogniser(targets, resolve, recordType === "AAAA" ? "AAAA" : "A");
}
