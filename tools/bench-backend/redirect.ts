/**
 * Where the built server's requests go on loopback: the regional DynamoDB endpoint to dynalite, IMDS's
 * link-local address to the fake IMDS. Pure; loopback-preload.ts applies it to the server's fetch.
 */
import { IMDS_ENDPOINT } from "../../backend/imds-credentials";

export interface LoopbackTargets {
  readonly region: string;
  /** dynalite, with its trailing slash: http://127.0.0.1:PORT/ */
  readonly dynamodb: string;
  /** The fake IMDS, without one: http://127.0.0.1:PORT */
  readonly imds: string;
}

export const TARGETS_ENVIRONMENT = "BENCH_BACKEND_LOOPBACK";

export function redirectUrl(url: string, targets: LoopbackTargets): string {
  // The store's own default endpoint (DynamoDbUserStore): the one the instances call.
  const dynamodb = `https://dynamodb.${targets.region}.amazonaws.com/`;
  if (url.startsWith(dynamodb)) return targets.dynamodb + url.slice(dynamodb.length);
  if (url === IMDS_ENDPOINT || url.startsWith(`${IMDS_ENDPOINT}/`)) {
    return targets.imds + url.slice(IMDS_ENDPOINT.length);
  }
  return url;
}
