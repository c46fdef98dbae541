import { z } from "zod";
import {
  canonicalDnsName,
  FAILURE_THRESHOLD_MAX,
  FAILURE_THRESHOLD_MIN,
  HEALTH_CHECKER_REGIONS,
  MIN_HEALTH_CHECKER_REGIONS,
  REQUEST_INTERVALS_SECONDS,
} from "@multi-region-api/model/route53/knowledge";
import { API_PREFIX, isApiRoute } from "@multi-region-api/model/contracts/backend";
import { isCommercialRegion, isSupportedRegion, SUPPORTED_REGIONS } from "@multi-region-api/model/regions";
import {
  AUTHORIZER_CACHE_TTL_MAX,
  AUTHORIZER_CACHE_TTL_MIN,
  DEFAULT_AUTHORIZER_CACHE_TTL_SECONDS,
  DEFAULT_REGIONAL_ALARM_THRESHOLDS,
  DEFAULT_RELEASE_ALARM_THRESHOLDS,
  DEFAULT_WAF_REQUESTS_PER_5_MINUTES,
  LATENCY_P99_MAX_MS,
  REPLICATION_LATENCY_MAX_MS,
  WAF_RATE_LIMIT_MAX,
  WAF_RATE_LIMIT_MIN,
} from "@multi-region-api/model/limits/edge-limits";
import {
  DEFAULT_SCOPES,
  DEFAULT_TOKEN_TYPE,
  isScopeToken,
  SCOPE_TOKEN_FORM,
  TOKEN_TYPES,
} from "@multi-region-api/model/contracts/authorizer-access";

/** The stack config namespace: keys are written `multi-region-api:<key>` in Pulumi.<stack>.yaml. */
export const CONFIG_NAMESPACE = "multi-region-api";

/** Used when `backend` is not set: two instances so one can fail without the region failing. */
export const DEFAULT_BACKEND = {
  instanceType: "t4g.small",
  instanceCount: 2,
  deletionProtection: true,
} as const;
/** The most instances a region's Auto Scaling group may run (`backend.instanceCount`, `backend.maxInstanceCount`). */
export const MAX_INSTANCES_PER_REGION = 20;
/** `backend.maxInstanceCount` when it is not set: room to scale out to twice the steady count. */
export const DEFAULT_SCALE_OUT_FACTOR = 2;
export const DEFAULT_HEALTH_CHECK = { path: "/health", failureThreshold: 3, requestInterval: 30 } as const;
/** A CNAME's TTL when `dns.recordKind` is `cname` and no `dns.ttl` is given. */
export const DEFAULT_CNAME_TTL_SECONDS = 60;
/** Used when `dns` is not set: alias records, IPv4 only. */
export const DEFAULT_DNS = { recordKind: "alias", ipv6: false } as const;

/** How the failover name routes: an ordered failover chain, or every region at once by latency. */
export const ROUTING_MODES = ["failover", "latency"] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];
export const DEFAULT_ROUTING: RoutingMode = "failover";

/** A problem that involves more than one key, reported at `path` (its key in the config). */
function problemAt(ctx: z.RefinementCtx, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: "custom", path, message });
}

const hostnameLabel = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function isHostname(value: string): boolean {
  return (
    value.length <= 253 &&
    value.split(".").length >= 2 &&
    value.split(".").every((l) => hostnameLabel.test(l))
  );
}

/** Lower-case and without the trailing dot, so `Example.com.` and `example.com` compare equal. */
const dnsName = (what: string) =>
  z
    .string({ error: `must be a DNS name such as ${what}` })
    .transform((value) => canonicalDnsName(value.trim()))
    .refine(isHostname, { error: `must be a DNS name such as ${what} (letters, digits, hyphens, dots)` });

const regionName = z
  .string({ error: "must be an AWS region name such as us-east-1" })
  .refine(isCommercialRegion, {
    error: (issue) =>
      `"${String(issue.input)}" is not an AWS region; allowed: ${SUPPORTED_REGIONS.join(", ")}`,
    abort: true,
  })
  .refine(isSupportedRegion, {
    error: (issue) =>
      `"${String(issue.input)}" is an AWS region this project cannot model yet (its API Gateway hosted zone ` +
      `is not in model/regions.ts); allowed: ${SUPPORTED_REGIONS.join(", ")}`,
  });

const certificateArn = z
  .string({ error: "must be an ACM certificate ARN" })
  .regex(/^arn:aws:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/, {
    error: "must be an ACM certificate ARN: arn:aws:acm:<region>:<account>:certificate/<uuid>",
  });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

type RegionKey = (typeof REGION_KEYS)[number];
const REGION_KEYS = ["name", "certificateArn", "backendUrl"] as const;

/** An existing backend the API proxies to; README "External backends" says what it must serve. */
const httpsBackendUrl = z
  .url({ protocol: /^https$/, error: "must be an https:// URL of an existing backend" })
  .transform((url) => url.replace(/\/+$/, ""));

/**
 * A region entry: a bare name, or { name, certificateArn, backendUrl } to reuse an existing ACM certificate
 * of that region and/or to proxy that region to its own existing backend (overriding `backend`).
 */
const regionEntry = z.preprocess(
  (value) => (typeof value === "string" ? { name: value } : value),
  z
    .strictObject(
      {
        name: regionName,
        certificateArn: certificateArn.optional(),
        backendUrl: httpsBackendUrl.optional(),
      } satisfies Record<RegionKey, z.ZodType>,
      {
        error:
          "must be a region name, or { name, certificateArn?, backendUrl? } (an existing certificate of that region, an existing backend for it)",
      },
    )
    .superRefine((entry, ctx) => {
      // API Gateway only accepts a regional certificate from its own region (APIGW developer guide).
      const arnRegion = entry.certificateArn?.split(":")[3];
      if (arnRegion !== undefined && arnRegion !== entry.name) {
        problemAt(
          ctx,
          ["certificateArn"],
          `is in ${arnRegion}, but a regional custom domain needs a certificate from its own region ${entry.name}`,
        );
      }
    }),
);

/**
 * The backend: EC2 instances this stack creates, or an existing HTTPS backend. Which one is decided by the
 * presence of `url`, so that each shape reports its own errors instead of a vague "matches neither".
 */
const backend = z.preprocess(
  (value) => (isRecord(value) ? { kind: "url" in value ? "url" : "ec2", ...value } : value),
  z.discriminatedUnion(
    "kind",
    [
      z.strictObject({
        kind: z.literal("ec2"),
        instanceType: z
          .string()
          .regex(/^[a-z][a-z0-9-]*\d[a-z0-9-]*\.[a-z0-9]+$/, {
            error: "must be an EC2 instance type such as t4g.small",
          })
          .default(DEFAULT_BACKEND.instanceType),
        // A schema's `error` is also the message of its checks (int, min, max) that set none.
        instanceCount: z
          .number({ error: "must be a whole number from 1 to 10" })
          .int()
          .min(1)
          .max(10)
          .default(DEFAULT_BACKEND.instanceCount),
        // Checked against instanceCount below; left out, it is DEFAULT_SCALE_OUT_FACTOR × instanceCount.
        maxInstanceCount: z
          .number({ error: `must be a whole number from instanceCount to ${MAX_INSTANCES_PER_REGION}` })
          .int()
          .optional(),
        // Checked against regions below; left out, it is the first region.
        homeRegion: regionName.optional(),
        // Checked against regions below; a region left out gets the AMI resolved at its first deploy.
        amiIds: z
          .record(
            regionName,
            z.string().regex(/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/, {
              error: "must be an AMI ID such as ami-0123456789abcdef0",
            }),
            { error: "must map region names to AMI IDs, e.g. { us-east-1: ami-0123456789abcdef0 }" },
          )
          .optional(),
        // The users table's and its replicas' DynamoDB deletion protection: DeleteTable is refused while it
        // is on (DynamoDB API Reference, DeleteTable), so `pulumi destroy` needs it off for one `up` first.
        deletionProtection: z
          .boolean({ error: "must be true or false" })
          .default(DEFAULT_BACKEND.deletionProtection),
      }),
      z.strictObject({
        kind: z.literal("url"),
        url: httpsBackendUrl,
      }),
    ],
    {
      error:
        "must be { instanceType, instanceCount, maxInstanceCount, homeRegion, amiIds, deletionProtection } to create EC2 instances, or { url } to proxy to an existing HTTPS backend",
    },
  ),
);

const EC2_BACKEND_KEYS = [
  "instanceType",
  "instanceCount",
  "maxInstanceCount",
  "homeRegion",
  "amiIds",
  "deletionProtection",
] as const;
const DNS_KEYS = ["recordKind", "ttl", "ipv6"] as const;

const healthCheck = z.strictObject({
  path: z
    .string()
    .regex(/^\/[^\s?#]*$/, { error: "must start with / and hold no spaces, query or fragment, e.g. /health" })
    .max(255, { error: "must be at most 255 characters" })
    .refine((path) => !isApiRoute(path), {
      error: `must not be ${API_PREFIX} or under it: the API's own routes live there`,
    })
    .default(DEFAULT_HEALTH_CHECK.path),
  failureThreshold: z
    .number()
    .int({ error: `must be a whole number from ${FAILURE_THRESHOLD_MIN} to ${FAILURE_THRESHOLD_MAX}` })
    .min(FAILURE_THRESHOLD_MIN, {
      error: `must be a whole number from ${FAILURE_THRESHOLD_MIN} to ${FAILURE_THRESHOLD_MAX}`,
    })
    .max(FAILURE_THRESHOLD_MAX, {
      error: `must be a whole number from ${FAILURE_THRESHOLD_MIN} to ${FAILURE_THRESHOLD_MAX}`,
    })
    .default(DEFAULT_HEALTH_CHECK.failureThreshold),
  requestInterval: z
    .number()
    .refine((value) => (REQUEST_INTERVALS_SECONDS as readonly number[]).includes(value), {
      error: `must be one of ${REQUEST_INTERVALS_SECONDS.join(", ")} (seconds; Route 53 accepts no other interval)`,
    })
    .default(DEFAULT_HEALTH_CHECK.requestInterval),
  checkerRegions: z
    .array(
      z.string().refine((r) => (HEALTH_CHECKER_REGIONS as readonly string[]).includes(r), {
        error: (issue) =>
          `"${String(issue.input)}" is not a Route 53 health-checker region; allowed: ${HEALTH_CHECKER_REGIONS.join(", ")}`,
      }),
    )
    .min(MIN_HEALTH_CHECKER_REGIONS, {
      error: `must name at least ${MIN_HEALTH_CHECKER_REGIONS} health-checker regions (or be left out for all of them)`,
    })
    .refine((list) => new Set(list).size === list.length, { error: "must not name a region twice" })
    .optional(),
});

const cnameTtl = z
  .number({ error: "must be a whole number of seconds from 0 to 172800" })
  .int()
  .min(0)
  .max(172800);

/** Dualstack custom domains and AAAA twins of every A alias; off by default, as before the key existed. */
const ipv6 = z.boolean({ error: "must be true or false" }).default(DEFAULT_DNS.ipv6);

/** How the failover name answers: alias records (default) or CNAMEs with a TTL of your choice. */
const dns = z.preprocess(
  (value) => (isRecord(value) && value.recordKind === undefined ? { ...value, recordKind: "alias" } : value),
  z.discriminatedUnion(
    "recordKind",
    [
      z.strictObject({
        recordKind: z.literal("alias"),
        // Route 53 DG: an alias has no TTL of its own (an alias to API Gateway answers with 60 s); AWS rejects one.
        ttl: z
          .never({
            error:
              'cannot be set with recordKind "alias": an alias answers with its target\'s TTL (60 s for API Gateway); use recordKind "cname" to choose a TTL',
          })
          .optional(),
        ipv6,
      }),
      z.strictObject({
        recordKind: z.literal("cname"),
        ttl: cnameTtl.default(DEFAULT_CNAME_TTL_SECONDS),
        ipv6,
      }),
    ],
    {
      error:
        'must be { recordKind: "alias" } or { recordKind: "cname", ttl }; recordKind allows: alias, cname',
    },
  ),
);

/**
 * Whole numbers from min to max, with one message that names the range (and the unit) wherever it fails: a
 * schema's `error` is also the message of each of its checks that sets none.
 */
const wholeNumber = (min: number, max: number, unit: string) => {
  const error = `must be a whole number of ${unit} from ${min} to ${max}`;
  return z.number({ error }).int().min(min).max(max);
};

const scopeToken = z.string({ error: `must be ${SCOPE_TOKEN_FORM}` }).refine(isScopeToken, {
  error: `must be ${SCOPE_TOKEN_FORM}`,
});

/** The scope GET needs and the scope POST needs (model/contracts/authorizer-access.ts). */
const scopes = z.strictObject(
  { read: scopeToken.default(DEFAULT_SCOPES.read), write: scopeToken.default(DEFAULT_SCOPES.write) },
  { error: "must be { read, write }: the scope GET and the scope POST need" },
);

/** Who may call the `/v1` routes: explicitly no one checked (`none`) or bearer JWTs from one issuer. */
const auth = z.discriminatedUnion(
  "mode",
  [
    z.strictObject({ mode: z.literal("none") }),
    z.strictObject({
      mode: z.literal("jwt"),
      issuer: z
        .url({
          protocol: /^https$/,
          error: "must be the identity provider's https:// issuer URL (the iss claim)",
        })
        .refine((url) => !url.includes("#") && !url.includes("?"), {
          error: "must be an https:// issuer URL without query or fragment",
        }),
      audience: z
        .string({ error: "must be the audience (aud claim) the API accepts, e.g. https://api.example.com" })
        .trim()
        .min(1),
      // API Gateway AuthorizerResultTtlInSeconds: 0 turns caching off, at most 3600 (docs/aws-facts.md).
      cacheTtlSeconds: wholeNumber(AUTHORIZER_CACHE_TTL_MIN, AUTHORIZER_CACHE_TTL_MAX, "seconds").default(
        DEFAULT_AUTHORIZER_CACHE_TTL_SECONDS,
      ),
      tokenType: z
        .enum(TOKEN_TYPES, { error: `must be one of ${TOKEN_TYPES.join(", ")}` })
        .default(DEFAULT_TOKEN_TYPE),
      scopes: scopes.default({ ...DEFAULT_SCOPES }),
    }),
  ],
  {
    error:
      "must be { mode: jwt, issuer: https://…, audience: … } or { mode: none } (explicit: the API is then open); mode allows: jwt, none",
  },
);

/** The web ACL in front of every region's stage. */
const waf = z.strictObject({
  // The provider's rate_based_statement.limit range (docs/aws-facts.md).
  requestsPer5Minutes: wholeNumber(WAF_RATE_LIMIT_MIN, WAF_RATE_LIMIT_MAX, "requests").default(
    DEFAULT_WAF_REQUESTS_PER_5_MINUTES,
  ),
});

const tags = z.record(
  z.string({ error: "tag keys must be 1 to 128 characters" }).min(1).max(128),
  z
    .string({ error: "tag values must be strings" })
    .max(256, { error: "tag values must be at most 256 characters" }),
  { error: "must be a map of tag names to string values" },
);

/** The defaults of `deploy`: AWS bakes for hours in its own pipelines; half an hour is a judgement here. */
export const DEFAULT_DEPLOY = { bakeMinutes: 30, ...DEFAULT_RELEASE_ALARM_THRESHOLDS } as const;

/** How `npm run deploy` delivers a release and what stops it (README "Releasing in waves"). */
const deploy = z.strictObject({
  waves: z
    .array(z.array(z.string(), { error: "each wave must be a list of region names" }).min(1), {
      error: "must be a list of waves, each a list of region names",
    })
    .optional(),
  bakeMinutes: wholeNumber(0, 1440, "minutes").default(DEFAULT_DEPLOY.bakeMinutes),
  api5xxRatePercent: z
    .number({ error: "must be a percentage above 0 and at most 100" })
    .gt(0, { error: "must be a percentage above 0 and at most 100" })
    .max(100, { error: "must be a percentage above 0 and at most 100" })
    .default(DEFAULT_DEPLOY.api5xxRatePercent),
  latencyP99Ms: wholeNumber(1, LATENCY_P99_MAX_MS, "milliseconds").default(DEFAULT_DEPLOY.latencyP99Ms),
});

/**
 * What one EC2 backend instance is taken to carry when `capacity.requestsPerInstance` is not set. AN ESTIMATE,
 * not a measurement of an instance: `npm run bench:backend` measures the app on loopback at over ten times
 * this (docs/api.md), and the bench's report says whether this default stays below its figure; on an
 * instance each request also crosses the network to DynamoDB, so measure your own and set the key.
 */
export const DEFAULT_CAPACITY = { requestsPerInstance: 100 } as const;
export const CAPACITY_REQUESTS_PER_SECOND_MAX = 10_000_000;

/** Capacity before failover: the expected peak and what an instance carries (README "Capacity"). */
const capacity = z.strictObject({
  // Left out: the capacity is not judged.
  peakRequestsPerSecond: wholeNumber(1, CAPACITY_REQUESTS_PER_SECOND_MAX, "requests per second").optional(),
  requestsPerInstance: wholeNumber(1, CAPACITY_REQUESTS_PER_SECOND_MAX, "requests per second").default(
    DEFAULT_CAPACITY.requestsPerInstance,
  ),
});

/** What each region's notifying alarms fire at (docs/runbook.md, "Alarms"). */
const alarms = z.strictObject({
  api5xxRatePercent: z
    .number({ error: "must be a percentage above 0 and at most 100" })
    .gt(0, { error: "must be a percentage above 0 and at most 100" })
    .max(100, { error: "must be a percentage above 0 and at most 100" })
    .default(DEFAULT_REGIONAL_ALARM_THRESHOLDS.api5xxRatePercent),
  replicationLatencyMs: wholeNumber(1, REPLICATION_LATENCY_MAX_MS, "milliseconds").default(
    DEFAULT_REGIONAL_ALARM_THRESHOLDS.replicationLatencyMs,
  ),
});

/** What this stack holds of the deployment: everything, the Route 53 layer, or one region (README "Parts"). */
export const WHOLE_PARTS = ["all", "global"] as const;

/** A Pulumi stack name: letters, digits, `-`, `_` and `.` (the CLI refuses others). */
const stackName = z
  .string({ error: "must be a Pulumi stack name" })
  .regex(/^[A-Za-z0-9_.-]{1,100}$/, { error: "must be a Pulumi stack name: 1-100 of A-Z a-z 0-9 _ . -" });

/** A full git commit hash. */
const gitCommit = z
  .string({ error: "must be a 40-digit git commit hash" })
  .regex(/^[0-9a-f]{40}$/, { error: "must be a 40-digit git commit hash" });

/** A stack a StackReference reads: `<organization>/<project>/<stack>`. */
const qualifiedStackName = z
  .string({ error: "must be <organization>/<project>/<stack>" })
  .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, {
    error: "must be <organization>/<project>/<stack>",
  });

const stackConfigShape = z.strictObject({
  domainName: dnsName("api.example.com"),
  hostedZoneName: dnsName("example.com"),
  regions: z
    .array(regionEntry, { error: "must be a list of regions, first = primary" })
    .min(2, { error: "must list at least 2 regions: failover needs somewhere to fail over to" }),
  backend: backend.default({ kind: "ec2", ...DEFAULT_BACKEND }),
  healthCheck: healthCheck.default({ ...DEFAULT_HEALTH_CHECK }),
  routing: z
    .enum(ROUTING_MODES, { error: `must be one of ${ROUTING_MODES.join(", ")}` })
    .default(DEFAULT_ROUTING),
  dns: dns.default({ ...DEFAULT_DNS }),
  drainedRegions: z.array(z.string(), { error: "must be a list of configured region names" }).default([]),
  // "" is Pulumi.yaml's default and means "no email": project-declared keys need a default to be optional.
  alarmEmail: z
    .union([z.literal(""), z.email({ error: 'must be an email address, or "" for none' })], {
      error: 'must be an email address, or "" for none',
    })
    .optional()
    .transform((email) => (email === "" ? undefined : email)),
  alarms: alarms.default({ ...DEFAULT_REGIONAL_ALARM_THRESHOLDS }),
  tags: tags.default({}),
  // The API Gateway CloudWatch role is one setting per account and region: see README, "Configuration".
  manageApiGatewayAccount: z.boolean({ error: "must be true or false" }).default(true),
  auth,
  waf: waf.default({ requestsPer5Minutes: DEFAULT_WAF_REQUESTS_PER_5_MINUTES }),
  part: z.string({ error: "must be all, global or one of regions" }).default("all"),
  globalStack: stackName.optional(),
  regionalStacks: z
    .record(z.string(), qualifiedStackName, { error: "must be a map of region names to stack names" })
    .default({}),
  deploy: deploy.default({ ...DEFAULT_DEPLOY }),
  // Written by `npm run deploy` into the config file of its own `up`, never into a stack file.
  release: z
    .strictObject(
      { commit: gitCommit, passed: gitCommit.optional() },
      { error: "must be { commit, passed }: set by npm run deploy, not by hand" },
    )
    .optional(),
  capacity: capacity.default({ ...DEFAULT_CAPACITY }),
});

export const stackConfigSchema = stackConfigShape
  .superRefine((config, ctx) => {
    const { domainName, hostedZoneName } = config;
    if (domainName !== hostedZoneName && !domainName.endsWith(`.${hostedZoneName}`)) {
      problemAt(
        ctx,
        ["domainName"],
        `"${domainName}" is not inside the hosted zone "${hostedZoneName}" (hostedZoneName)`,
      );
    }
    if (config.dns.recordKind === "cname" && domainName === hostedZoneName) {
      // Route 53 DG: no CNAME at the zone apex (it would sit beside the zone's SOA and NS records); an
      // alias A record is valid there (docs/aws-facts.md "No CNAME at the zone apex").
      problemAt(
        ctx,
        ["dns", "recordKind"],
        `"cname" is not allowed when domainName "${domainName}" is the zone apex (hostedZoneName): Route 53 ` +
          `allows no CNAME there; use recordKind "alias", or a domainName below the apex such as api.${hostedZoneName}`,
      );
    }
    const names = config.regions.map((r) => r.name);
    names.forEach((name, index) => {
      if (names.indexOf(name) !== index) {
        problemAt(ctx, ["regions", index], `"${name}" is listed twice`);
      }
    });
    config.drainedRegions.forEach((name, index) => {
      if (!names.includes(name)) {
        problemAt(
          ctx,
          ["drainedRegions", index],
          `"${name}" is not a configured region; allowed: ${names.join(", ")}`,
        );
      }
    });
    if (config.backend.kind === "ec2") {
      checkFleetSize(config.backend, ctx);
      const home = config.backend.homeRegion;
      // An unknown region name is already reported by the field itself.
      if (home !== undefined && isCommercialRegion(home) && !names.includes(home)) {
        problemAt(
          ctx,
          ["backend", "homeRegion"],
          `"${home}" is not a configured region; allowed: ${names.join(", ")}`,
        );
      }
      for (const region of Object.keys(config.backend.amiIds ?? {})) {
        if (isCommercialRegion(region) && !names.includes(region)) {
          problemAt(
            ctx,
            ["backend", "amiIds", region],
            `"${region}" is not a configured region; allowed: ${names.join(", ")}`,
          );
        }
      }
    }
    checkPart(config, names, ctx);
    checkWaves(config, names, ctx);
    if (names.length > 0 && names.every((name) => config.drainedRegions.includes(name))) {
      problemAt(
        ctx,
        ["drainedRegions"],
        "must leave at least one region in service (draining every region leaves nothing to fail over to)",
      );
    }
  })
  .transform(withBackendDefaults);

/**
 * `part` names all, global or a configured region; a regional part must know its global stack's name (the
 * shared resources are named after it), and `regionalStacks` may only name configured regions.
 */
function checkPart(
  config: { part: string; globalStack?: string; regionalStacks: Record<string, string> },
  names: readonly string[],
  ctx: z.RefinementCtx,
): void {
  const allowed = [...WHOLE_PARTS, ...names];
  if (!allowed.includes(config.part)) {
    problemAt(ctx, ["part"], `"${config.part}" is not a part; allowed: ${allowed.join(", ")}`);
  }
  if (names.includes(config.part) && config.globalStack === undefined) {
    problemAt(
      ctx,
      ["globalStack"],
      `is required when part is a region ("${config.part}"): the name of the global part's stack, e.g. prod`,
    );
  }
  for (const region of Object.keys(config.regionalStacks)) {
    if (!names.includes(region)) {
      problemAt(
        ctx,
        ["regionalStacks", region],
        `"${region}" is not a configured region; allowed: ${names.join(", ")}`,
      );
    }
  }
}

/**
 * Each region is in exactly one wave, and the first wave holds the users table's home region: the other
 * regions' backends use its replicas, which the home region's part creates.
 */
function checkWaves(
  config: { deploy: { waves?: string[][] }; backend: { kind: string; homeRegion?: string } },
  names: readonly string[],
  ctx: z.RefinementCtx,
): void {
  const waves = config.deploy.waves;
  if (waves === undefined) return;
  const listed = waves.flat();
  waves.forEach((wave, w) =>
    wave.forEach((region, r) => {
      if (!names.includes(region)) {
        problemAt(
          ctx,
          ["deploy", "waves", w, r],
          `"${region}" is not a configured region; allowed: ${names.join(", ")}`,
        );
      } else if (
        waves.slice(0, w).some((earlier) => earlier.includes(region)) ||
        wave.indexOf(region) !== r
      ) {
        problemAt(ctx, ["deploy", "waves", w, r], `"${region}" is in more than one wave`);
      }
    }),
  );
  const missing = names.filter((name) => !listed.includes(name));
  if (missing.length > 0) {
    problemAt(ctx, ["deploy", "waves"], `must list every region once; missing: ${missing.join(", ")}`);
  }
  const home = config.backend.kind === "ec2" ? (config.backend.homeRegion ?? names[0]) : undefined;
  if (home !== undefined && names.includes(home) && !waves[0].includes(home)) {
    problemAt(
      ctx,
      ["deploy", "waves", 0],
      `must include the users table's home region "${home}" (backend.homeRegion): it creates the replicas the other regions use`,
    );
  }
}

/** An EC2 group needs min ≤ max (Auto Scaling refuses it otherwise); the count is the group's min. */
function checkFleetSize(
  backend: { instanceCount: number; maxInstanceCount?: number },
  ctx: z.RefinementCtx,
): void {
  const max = backend.maxInstanceCount;
  if (max !== undefined && (max < backend.instanceCount || max > MAX_INSTANCES_PER_REGION)) {
    problemAt(
      ctx,
      ["backend", "maxInstanceCount"],
      `must be a whole number from instanceCount (${backend.instanceCount}) to ${MAX_INSTANCES_PER_REGION}, got ${max}`,
    );
  }
}

/**
 * Fills the backend's defaults that depend on other keys: the home region is the first region (the table
 * must then stay there: see README), and the group may scale out to twice its steady count.
 */
function withBackendDefaults(config: z.output<typeof stackConfigShape>) {
  const backend = config.backend;
  return {
    ...config,
    backend:
      backend.kind === "ec2"
        ? {
            ...backend,
            maxInstanceCount: backend.maxInstanceCount ?? backend.instanceCount * DEFAULT_SCALE_OUT_FACTOR,
            homeRegion: backend.homeRegion ?? config.regions[0].name,
          }
        : backend,
  };
}

/** The parsed, defaulted stack configuration: the one object the program reads. */
export type StackConfig = z.output<typeof stackConfigSchema>;
export type RegionConfig = StackConfig["regions"][number];
export type BackendConfig = StackConfig["backend"];
export type HealthCheckConfig = StackConfig["healthCheck"];
export type DnsConfig = StackConfig["dns"];
export type AuthConfig = StackConfig["auth"];
export type WafConfig = StackConfig["waf"];
export type DeployConfig = StackConfig["deploy"];

/** Every key the namespace accepts: anything else is a typo that would otherwise be ignored silently. */
export const CONFIG_KEYS = Object.keys(stackConfigShape.shape) as (keyof StackConfig)[];

/**
 * The keys each structured value accepts, by its key (`regions[]` for any region entry), so that an unknown
 * nested key is answered with the allowed ones, as an unknown top-level key is.
 */
export const NESTED_CONFIG_KEYS: Readonly<Record<string, string>> = {
  "regions[]": REGION_KEYS.join(", "),
  // Two shapes, told apart by `url`: its keys do not mix.
  backend: `${EC2_BACKEND_KEYS.join(", ")} (EC2 instances this stack creates), or url alone (an existing backend)`,
  healthCheck: Object.keys(healthCheck.shape).join(", "),
  dns: DNS_KEYS.join(", "),
  auth: "mode, issuer, audience, cacheTtlSeconds, tokenType, scopes (mode jwt), or mode alone (mode none)",
  "auth.scopes": Object.keys(scopes.shape).join(", "),
  waf: Object.keys(waf.shape).join(", "),
  deploy: Object.keys(deploy.shape).join(", "),
  alarms: Object.keys(alarms.shape).join(", "),
  capacity: Object.keys(capacity.shape).join(", "),
};
