/**
 * Preloaded (`node --import`) into the built server, components/assets/users-api.js, the file the
 * instances run: its fetch goes to the loopback endpoints of TARGETS_ENVIRONMENT instead of AWS's. It
 * changes where requests go, not what they are: the store still signs them, the credentials still come
 * from IMDSv2, and the bundle is byte for byte the deployed one, with no setting added for the bench.
 */
import { redirectUrl, TARGETS_ENVIRONMENT, type LoopbackTargets } from "./redirect";

const targets = JSON.parse(process.env[TARGETS_ENVIRONMENT] ?? "null") as LoopbackTargets | null;
if (targets === null) throw new Error(`${TARGETS_ENVIRONMENT} is not set: nothing to redirect to`);
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) =>
  realFetch(typeof input === "string" ? redirectUrl(input, targets) : input, init);
