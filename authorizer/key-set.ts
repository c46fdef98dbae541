/**
 * The issuer's key set, as jose's `getKey` for `jwtVerify`, kept through an outage of the issuer's JWKS
 * endpoint. jose's `createRemoteJWKSet` drops its keys once `cacheMaxAge` has passed and a refetch fails,
 * and measures its cooldown from the last success, so a JWKS outage fails every token and every call
 * refetches (read in `node_modules/jose/dist/webapi/jwks/remote.js`, jose 6). Here the keys come from
 * `createLocalJWKSet` over the last good document:
 * - older than `maxAgeMs`: refetched (so a key the issuer withdrew stops verifying), and kept if that fails;
 * - a `kid` the set lacks: refetched once, so a key rotated in at the issuer verifies;
 * - every refetch at most once per `cooldownMs` (CooledFetch), so made-up key IDs or an outage cannot make
 *   the authorizer hammer the issuer.
 */
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";
import { CooledFetch } from "./cooled-fetch";
import type { FetchJson } from "./discovery";

export interface KeySetOptions {
  readonly jwksUri: string;
  readonly fetchJson: FetchJson;
  readonly cooldownMs: number;
  readonly maxAgeMs: number;
}

type LocalKeySet = ReturnType<typeof createLocalJWKSet>;

export function createKeySet(options: KeySetOptions): JWTVerifyGetKey {
  const keys = new CooledFetch<LocalKeySet>(
    // createLocalJWKSet refuses a document that is not a key set (JWKSInvalid): the last good set stays.
    async () => createLocalJWKSet((await options.fetchJson(options.jwksUri)) as JSONWebKeySet),
    options.cooldownMs,
  );
  return async (header, token) => {
    const kept = keys.current;
    let local: LocalKeySet;
    if (kept === undefined) {
      local = await keys.refresh();
    } else if (keys.ageMs >= options.maxAgeMs) {
      local = await keys.refresh().catch(() => kept);
    } else {
      local = kept;
    }
    try {
      return await local(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      // Unknown to the set: refetch (or, within the cooldown, the last fetch's outcome). An unreachable
      // issuer is then a 500, never a 401 API Gateway would cache against a key rotated in meanwhile.
      return (await keys.refresh())(header, token);
    }
  };
}
