import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/stacks";
import { ALLOWED, externalPackage, importEdges, roomOf, sourceFiles, type ImportEdge } from "./rooms";

/**
 * Imports that still cross the rooms against ALLOWED, each with the reason it has not been cut yet. The test
 * fails on any crossing not listed here and on any listed crossing that no longer exists, so the list can
 * only shrink.
 */
const KNOWN_CROSSINGS: Readonly<Record<string, readonly string[]>> = {
  "The offline preview runs the stack program on the test kit's mocks and policy harness, as `pulumi preview` runs it on the engine: it is the program's caller.":
    [
      "tools/preview/config-terms.ts -> config/index.ts",
      "tools/preview/preview.ts -> config/index.ts",
      "tools/preview/run-program.ts -> config/index.ts",
      "tools/preview/run-program.ts -> parts.ts",
      "tools/preview/cli.ts -> tools/policy-harness/index.ts",
      "tools/preview/config-terms.ts -> tools/policy-harness/index.ts",
      "tools/preview/plan.ts -> tools/aws-mocks/engine-recorder.ts",
      "tools/preview/policy-check.ts -> tools/policy-harness/index.ts",
      "tools/preview/preview.ts -> tools/policy-harness/index.ts",
      "tools/preview/print-plan.ts -> tools/policy-harness/index.ts",
      "tools/preview/provider-state.ts -> tools/policy-harness/index.ts",
      "tools/preview/run-program.ts -> tools/stack-runner.ts",
      "tools/preview/write-report.ts -> tools/policy-harness/index.ts",
    ],
  "The deploy orchestrator plans its waves from the same validated stack config the program reads, and reads the project's stack files the way the preview does.":
    [
      "tools/deploy/plan.ts -> config/index.ts",
      "tools/deploy/release.ts -> config/index.ts",
      "tools/deploy/run-cli.ts -> config/index.ts",
      "tools/deploy/run-cli.ts -> tools/preview/project-config.ts",
    ],
  "The AWS mocks check an alias's zone against API Gateway's per-region hosted zones; the table is an AWS fact with one sourced copy, in the model.":
    ["tools/aws-mocks/api-gateway-zones.ts -> model/regions.ts"],
};

const edgeName = (edge: ImportEdge) => `${edge.from} -> ${edge.to}`;
const edges = importEdges(REPO_ROOT);

function crossings(all: readonly ImportEdge[]): string[] {
  return all
    .filter((edge) => {
      const from = roomOf(edge.from);
      const to = roomOf(edge.to);
      return from !== undefined && to !== undefined && from !== to && !ALLOWED[from].includes(to);
    })
    .map(edgeName);
}

describe("imports run one way", () => {
  it("finds the imports it judges (a scanner that saw nothing would pass anything)", () => {
    expect(edges.map(edgeName)).toContain("stack.ts -> components/index.ts");
    expect(edges.map(edgeName)).toContain("policy-pack/lib/records.ts -> model/route53/knowledge.ts");
  });

  it("crosses rooms only along allowed edges, besides the known crossings", () => {
    const known = Object.values(KNOWN_CROSSINGS).flat();
    const found = [...new Set(crossings(edges))].sort();
    expect(found.filter((edge) => !known.includes(edge))).toEqual([]);
    expect(known.filter((edge) => !found.includes(edge))).toEqual([]);
  });

  it("refuses a reverse import, such as the model reaching into a component", () => {
    const reverse = { from: "model/route53/prices.ts", to: "components/failover-dns.ts", specifier: "" };
    const fromPack = { from: "policy-pack/lib/records.ts", to: "components/index.ts", specifier: "" };
    expect(crossings([reverse, fromPack])).toEqual([edgeName(reverse), edgeName(fromPack)]);
  });

  it("keeps the model pure: no package, no Node module, nothing outside model/", () => {
    const fromModel = edges.filter((edge) => roomOf(edge.from) === "model");
    expect(fromModel.length).toBeGreaterThan(0);
    expect(fromModel.filter((edge) => !edge.to.startsWith("model/")).map(edgeName)).toEqual([]);
  });

  it("reaches the model by its package name from outside it, never by a relative path", () => {
    const relativeIntoModel = edges.filter(
      (edge) =>
        roomOf(edge.from) !== "model" && roomOf(edge.to) === "model" && edge.specifier.startsWith("."),
    );
    expect(relativeIntoModel.map(edgeName)).toEqual([]);
  });

  it("keeps the users API free of runtime packages (it ships inside the instances' user data)", () => {
    const packages = edges
      .filter((edge) => roomOf(edge.from) === "app:users-api")
      .map((edge) => externalPackage(edge.specifier))
      .filter((name) => name !== undefined);
    expect(packages).toEqual([]);
  });

  it("reaches @pulumi/pulumi's internals only through tools/pulumi-internals.ts", () => {
    // The generated stubs of the analyzer's gRPC service are the plugin protocol itself, not an internal.
    const protocolStubs = /^@pulumi\/pulumi\/proto\/analyzer(_grpc)?_pb$/;
    const deep = edges.filter(
      (edge) =>
        /^@pulumi\/pulumi\/(runtime|proto)\b/.test(edge.specifier) &&
        !protocolStubs.test(edge.specifier) &&
        edge.from !== "tools/pulumi-internals.ts",
    );
    expect(deep.map(edgeName)).toEqual([]);
    const requires = sourceFiles(REPO_ROOT).filter(
      (file) =>
        file !== "tools/pulumi-internals.ts" &&
        /require\("@pulumi\/pulumi\/runtime|createRequire\(require\.resolve\("@pulumi\/pulumi/.test(
          readFileSync(join(REPO_ROOT, file), "utf8"),
        ),
    );
    expect(requires).toEqual(["tests/tools/pulumi-internals.test.ts", "tools/policy-harness/protocol.ts"]);
  });
});
