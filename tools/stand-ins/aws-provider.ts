/**
 * The stand-in `aws` provider plugin for the real Pulumi engine (tools/engine): the same rulebook as the
 * strict mocks (tools/aws-mocks, with the API-model checks of tools/aws-models) answers check, create,
 * update and invoke; the fake account (account.ts) keeps what exists between engine runs, so Route 53's
 * order rules are judged against what really exists when the engine's step reaches AWS.
 */
import { readFileSync } from "node:fs";
import * as provider from "@pulumi/pulumi/provider";
import { AwsMocks, StrictMockError } from "../aws-mocks";
import { checkAgainstApiModels } from "../aws-models/validate";
import { withAccount, readAccount, type Account, type AccountResource } from "./account";
import { canonicalDnsName } from "../aws-mocks/ids";
import { diffInputs } from "./diff";
import { fullState } from "./schema";
import { awsSchema } from "./aws-schema";
import { refuseDelete } from "./delete-rules";
import { hasUnknowns, nameOf, plain, typeOf, watchConfigure, type Props } from "./wire";

const PROVIDER_TYPE = "pulumi:providers:aws";
/** Resources whose order AWS judges against what exists: replayed into the rulebook before each create. */
const REPLAYED = new Set(["aws:route53/record:Record", "aws:route53/healthCheck:HealthCheck"]);

let region: string | undefined;
watchConfigure("aws", (args) => {
  region = typeof args.region === "string" ? args.region : undefined;
});

function regionOrThrow(): string {
  if (!region) throw new Error("the stand-in aws provider was not configured with a region");
  return region;
}

/** Same-zone names a record aliases: they exist in the account before it, whatever order it was created in. */
function aliasTargets(resource: AccountResource): string[] {
  const aliases = (resource.inputs.aliases as Props[] | undefined) ?? [];
  return aliases
    .filter((alias) => alias.zoneId === resource.inputs.zoneId)
    .map((alias) => canonicalDnsName(String(alias.name)));
}

/**
 * The account's records and health checks, each after the same-zone names it aliases: an update may point
 * an early record at a name created later (a region added makes SECONDARY an alias into a new pair), and
 * what exists is judged as existing, not re-judged in the order it was first created.
 */
function replayOrder(account: Account): [string, AccountResource][] {
  // Only what this provider's region created: the rulebook derives IDs from the region, so a health check
  // replayed under another region's provider would get another ID than the one the records name.
  let pending = Object.entries(account.resources).filter(
    ([, r]) => REPLAYED.has(r.type) && r.region === regionOrThrow(),
  );
  const ordered: [string, AccountResource][] = [];
  const names = new Set<string>();
  const placed = new Set<string>();
  // A health check a record or a CALCULATED check names must exist first; a replaced one is newer in the
  // account than what names it, so creation order alone does not say so.
  const checksNamed = (r: AccountResource) =>
    [r.inputs.healthCheckId, ...((r.inputs.childHealthchecks as unknown[] | undefined) ?? [])].filter(
      (id): id is string => typeof id === "string" && account.resources[id] !== undefined,
    );
  while (pending.length > 0) {
    const ready = pending.filter(
      ([, r]) =>
        aliasTargets(r).every((name) => names.has(name)) && checksNamed(r).every((id) => placed.has(id)),
    );
    const next = ready.length > 0 ? ready : pending; // a missing target: the rulebook says so
    for (const entry of next) {
      ordered.push(entry);
      placed.add(entry[0]);
      if (typeof entry[1].inputs.name === "string") names.add(canonicalDnsName(entry[1].inputs.name));
    }
    pending = pending.filter((entry) => !next.includes(entry));
  }
  return ordered;
}

/** The resource an update changes: judged with its new inputs where its old version stood in the replay. */
interface Updated {
  readonly id: string;
  readonly urn: string;
  readonly inputs: Props;
}

/**
 * A rulebook primed with this provider's region and the account's records and health checks. For an update,
 * the changed resource is replayed with its new inputs in its own place, so what depends on it (a record on
 * a health check) still finds it; what comes after it already exists in AWS and is not judged again.
 */
function rulebook(
  account: Account,
  updated?: Updated,
): { mocks: AwsMocks; provider: string; urns: string[]; answer?: { id: string | undefined; state: Props } } {
  const mocks = new AwsMocks();
  const registered = mocks.newResource({
    type: PROVIDER_TYPE,
    name: "stand-in",
    inputs: { region: regionOrThrow() },
    custom: true,
  });
  const providerRef = `urn:pulumi:stand-in::stand-in::${PROVIDER_TYPE}::stand-in::${registered.id}`;
  const urns: string[] = [];
  let answer: { id: string | undefined; state: Props } | undefined;
  // The update's new inputs take the old version's place before ordering: a record that now aliases a name
  // created later is replayed after that name.
  const replayed: Account = updated
    ? {
        ...account,
        resources: {
          ...account.resources,
          [updated.id]: { ...account.resources[updated.id], inputs: updated.inputs },
        },
      }
    : account;
  for (const [id, resource] of replayOrder(replayed)) {
    const isUpdated = id === updated?.id;
    mocks.expectRegistration(resource.urn, urns.slice());
    const register = () =>
      mocks.newResource({
        type: resource.type,
        name: resource.name,
        inputs: resource.inputs,
        provider: providerRef,
        custom: true,
      });
    if (isUpdated) {
      answer = register();
    } else if (answer === undefined) {
      register();
    } else {
      try {
        register();
      } catch (error) {
        if (!(error instanceof StrictMockError)) throw error;
      }
    }
    urns.push(resource.urn);
  }
  return { mocks, provider: providerRef, urns, answer };
}

/** AWS's answer to a create: the ID and outputs. */
function create(urn: string, inputs: Props, account: Account): { id: string; outs: Props } {
  const type = typeOf(urn);
  const { mocks, provider: providerRef, urns } = rulebook(account);
  mocks.expectRegistration(urn, urns);
  const answer = mocks.newResource({ type, name: nameOf(urn), inputs, provider: providerRef, custom: true });
  let id = answer.id ?? "";
  // AWS never hands out an ID twice; the mocks derive theirs from the name, which a replacement keeps.
  for (let n = 2; account.resources[id] !== undefined; n++) id = `${answer.id}-${n}`;
  return { id, outs: fullState(type, answer.state, regionOrThrow()) };
}

/** AWS's answer to an update, judged as the resource it leaves, in its place among what exists. */
function update(id: string, urn: string, inputs: Props, account: Account): Props {
  const type = typeOf(urn);
  if (REPLAYED.has(type)) {
    const { answer } = rulebook(account, { id, urn, inputs });
    if (answer !== undefined) return fullState(type, answer.state, regionOrThrow());
  }
  const { mocks, provider: providerRef, urns } = rulebook(account);
  mocks.expectRegistration(urn, urns);
  const answer = mocks.newResource({ type, name: nameOf(urn), inputs, provider: providerRef, custom: true });
  return fullState(type, answer.state, regionOrThrow());
}

function failuresOf(error: unknown): provider.CheckFailure[] {
  if (error instanceof StrictMockError) return [{ property: "", reason: error.message }];
  throw error;
}

const AWS_VERSION = (
  JSON.parse(readFileSync(require.resolve("@pulumi/aws/package.json"), "utf8")) as { version: string }
).version;

const aws: provider.Provider = {
  version: AWS_VERSION,
  // For Pulumi YAML, which types a program against its packages' schemas (aws-schema.ts: a partial one).
  schema: awsSchema(AWS_VERSION),

  // The real provider validates the schema here and AWS refuses the rest when the step reaches it; the
  // API-model check is the schema-level one, so it runs here, on known values only.
  async check(urn, _olds, news) {
    const inputs = plain(news) as Props;
    const known = Object.fromEntries(Object.entries(inputs).filter(([, v]) => !hasUnknowns(v)));
    try {
      checkAgainstApiModels(typeOf(urn), nameOf(urn), known, (detail) => {
        throw new StrictMockError(typeOf(urn), nameOf(urn), detail);
      });
    } catch (error) {
      return { inputs: news, failures: failuresOf(error) };
    }
    return { inputs: news };
  },

  async diff(id, urn, olds, news) {
    const state = plain(olds) as Props;
    const before = readAccount().resources[id]?.inputs ?? state;
    return diffInputs(typeOf(urn), before, plain(news) as Props, state);
  },

  async create(urn, news) {
    const inputs = plain(news) as Props;
    return withAccount((account) => {
      const { id, outs } = create(urn, inputs, account);
      account.resources[id] = {
        type: typeOf(urn),
        region: regionOrThrow(),
        name: nameOf(urn),
        urn,
        inputs,
        outputs: outs,
      };
      return { id, outs };
    });
  },

  async read(id) {
    const resource = readAccount().resources[id];
    if (!resource) return { id: "" }; // gone from the account: refresh drops it
    return { id, props: resource.outputs, inputs: resource.inputs };
  },

  async update(id, urn, _olds, news) {
    const inputs = plain(news) as Props;
    return withAccount((account) => {
      const outs = update(id, urn, inputs, account);
      account.resources[id] = {
        type: typeOf(urn),
        region: regionOrThrow(),
        name: nameOf(urn),
        urn,
        inputs,
        outputs: outs,
      };
      return { outs };
    });
  },

  async delete(id) {
    withAccount((account) => {
      const resource = account.resources[id];
      if (!resource) return; // already gone: AWS's NotFound, which the provider treats as deleted
      refuseDelete(id, resource, account);
      delete account.resources[id];
    });
  },

  async invoke(token, inputs) {
    const { mocks, provider: providerRef } = rulebook({ resources: {} });
    return { outputs: mocks.call({ token, inputs: plain(inputs) as Props, provider: providerRef }) };
  },
};

void provider.main(aws, process.argv.slice(2));
