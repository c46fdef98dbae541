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
function replayOrder(account: Account, except?: string): AccountResource[] {
  let pending = Object.entries(account.resources)
    .filter(([id, r]) => id !== except && REPLAYED.has(r.type))
    .map(([, r]) => r);
  const ordered: AccountResource[] = [];
  const names = new Set<string>();
  while (pending.length > 0) {
    const ready = pending.filter((r) => aliasTargets(r).every((name) => names.has(name)));
    const next = ready.length > 0 ? ready : pending; // a missing target: the rulebook says so
    for (const r of next) {
      ordered.push(r);
      if (typeof r.inputs.name === "string") names.add(canonicalDnsName(r.inputs.name));
    }
    pending = pending.filter((r) => !next.includes(r));
  }
  return ordered;
}

/** A rulebook primed with this provider's region and the account's records, in their creation order. */
function rulebook(account: Account, except?: string): { mocks: AwsMocks; provider: string; urns: string[] } {
  const mocks = new AwsMocks();
  const registered = mocks.newResource({
    type: PROVIDER_TYPE,
    name: "stand-in",
    inputs: { region: regionOrThrow() },
    custom: true,
  });
  const providerRef = `urn:pulumi:stand-in::stand-in::${PROVIDER_TYPE}::stand-in::${registered.id}`;
  const urns: string[] = [];
  for (const resource of replayOrder(account, except)) {
    mocks.expectRegistration(resource.urn, urns.slice());
    mocks.newResource({
      type: resource.type,
      name: resource.name,
      inputs: resource.inputs,
      provider: providerRef,
      custom: true,
    });
    urns.push(resource.urn);
  }
  return { mocks, provider: providerRef, urns };
}

/** AWS's answer to a create (or an update, judged as the resource it leaves): the ID and outputs. */
function apply(urn: string, inputs: Props, account: Account, except?: string): { id: string; outs: Props } {
  const type = typeOf(urn);
  const { mocks, provider: providerRef, urns } = rulebook(account, except);
  mocks.expectRegistration(urn, urns);
  const answer = mocks.newResource({ type, name: nameOf(urn), inputs, provider: providerRef, custom: true });
  let id = answer.id ?? "";
  // AWS never hands out an ID twice; the mocks derive theirs from the name, which a replacement keeps.
  for (let n = 2; id !== except && account.resources[id] !== undefined; n++) id = `${answer.id}-${n}`;
  return { id, outs: fullState(type, answer.state, regionOrThrow()) };
}

function failuresOf(error: unknown): provider.CheckFailure[] {
  if (error instanceof StrictMockError) return [{ property: "", reason: error.message }];
  throw error;
}

const aws: provider.Provider = {
  version: (
    JSON.parse(readFileSync(require.resolve("@pulumi/aws/package.json"), "utf8")) as { version: string }
  ).version,

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
      const { id, outs } = apply(urn, inputs, account);
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
      const { outs } = apply(urn, inputs, account, id);
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
