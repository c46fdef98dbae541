/**
 * What clients will get next: the answer of the zone's own authoritative name servers (its delegation set,
 * from GetHostedZone), asked directly with `node:dns`, so no resolver cache stands in between. Route 53's
 * TestDNSAnswer answers "based on the settings in the records" and is not documented to apply health-check
 * state (docs/aws-facts.md "The drill's signals"), so it cannot show a failover.
 */
import { promises as dns } from "node:dns";
import type { ResolveAddresses } from "./dns-answer";

/** The two lookups the drill needs from a resolver pointed at given servers. */
export interface DnsLookup {
  resolve4(hostname: string): Promise<string[]>;
  resolveCname(hostname: string): Promise<string[]>;
}

export type CreateResolver = (servers: readonly string[]) => DnsLookup;

export const createNodeResolver: CreateResolver = (servers) => {
  const resolver = new dns.Resolver();
  resolver.setServers([...servers]);
  return resolver;
};

export interface DnsAnswer {
  responseCode: string;
  recordData: string[];
}

/** node:dns error codes in DNS terms: NXDOMAIN for a name that does not exist, NODATA for no such type. */
function responseCodeOf(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === dns.NOTFOUND) return "NXDOMAIN";
  if (code === dns.NODATA) return "NODATA";
  throw error;
}

export class AuthoritativeDns {
  private constructor(
    readonly nameServers: readonly string[],
    private readonly resolver: DnsLookup,
  ) {}

  /** A resolver that asks only the zone's name servers (their addresses looked up once, here). */
  static async forNameServers(
    nameServers: readonly string[],
    resolveAddresses: ResolveAddresses,
    createResolver: CreateResolver,
  ): Promise<AuthoritativeDns> {
    if (nameServers.length === 0) throw new Error("the hosted zone has no delegation set name servers");
    const addresses = (await Promise.all(nameServers.map((name) => resolveAddresses(name)))).flat();
    if (addresses.length === 0) throw new Error(`no address for ${nameServers.join(", ")}`);
    return new AuthoritativeDns(nameServers, createResolver(addresses));
  }

  async answer(recordName: string, recordType: string): Promise<DnsAnswer> {
    try {
      const recordData =
        recordType === "CNAME"
          ? await this.resolver.resolveCname(recordName)
          : await this.resolver.resolve4(recordName);
      return { responseCode: "NOERROR", recordData };
    } catch (error) {
      return { responseCode: responseCodeOf(error), recordData: [] };
    }
  }
}
