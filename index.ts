/**
 * multi-region-api: one API in several AWS regions behind Route 53 failover.
 *
 * The entry point `pulumi up` runs. It reads and validates the stack config first, so a bad value stops
 * the run before any resource is registered; `parts.ts` builds the stack's part (`stack.ts` the whole of it)
 * from the parsed config.
 */
import { loadStackConfig } from "./config";
import { createProgram } from "./parts";

const outputs = createProgram(loadStackConfig());

/** The part this stack holds: a region or `global` (absent when it holds everything, `part: all`). */
export const part = outputs.part;
/** The digest of the settings every part must share; the global part refuses a region whose digest differs. */
export const settingsDigest = outputs.settingsDigest;
/** A regional part's alias and health-check targets and CloudWatch names, which the global part reads. */
export const regionalPart = outputs.regionalPart;

/** The failover name, e.g. api.example.com. */
export const recordName = outputs.recordName;
/** `A` (alias records) or `CNAME`. */
export const recordType = outputs.recordType;
/** `failover` (one region at a time, in order) or `latency` (each client's nearest healthy region). */
export const routing = outputs.routing;
/** What clients call: https://{recordName}. */
export const url = outputs.url;
export const hostedZoneId = outputs.hostedZoneId;
/** Whether the zone has Route 53 accelerated recovery on (DNS changes possible while us-east-1 is impaired). */
export const hostedZoneAcceleratedRecovery = outputs.hostedZoneAcceleratedRecovery;
/** The regions in the order Route 53 fails over through them. */
export const failoverOrder = outputs.failoverOrder;
/** The Route 53 health check of each region: what the failover drill inverts. */
export const healthCheckIds = outputs.healthCheckIds;
export const drainedRegions = outputs.drainedRegions;
/** The modelled worst-case failover time, interval × threshold + 6 s + TTL, and its parts. */
export const failoverTimeSeconds = outputs.failoverTimeSeconds;
export const failoverTime = outputs.failoverTime;
/** The chain's intermediate names (more than two regions only). */
export const intermediateNames = outputs.intermediateNames;
/** The CloudWatch dashboard (us-east-1) that shows every region's health, API, fleet and replication. */
export const dashboardName = outputs.dashboardName;
/** Per region: its own URL, health-check target and alias target. */
export const regions = outputs.regions;
