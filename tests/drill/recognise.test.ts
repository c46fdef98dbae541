/** How the drill tells which region Route 53's answer points at, and Route 53's 18 % health rule. */
import { describe, expect, it } from "vitest";
import { aliasAddressRecogniser, cnameRecogniser, recogniserFor } from "../../tools/drill/dns-answer";
import { judgeCheckerReports } from "@multi-region-api/model/route53/health-rule";

const targets = new Map([
  ["us-east-1", "d-aaa.execute-api.us-east-1.amazonaws.com"],
  ["eu-west-1", "d-bbb.execute-api.eu-west-1.amazonaws.com"],
]);

describe("CNAME answers", () => {
  it("are matched by name, ignoring case and the trailing dot", async () => {
    const recognise = cnameRecogniser(targets).recognise;

    expect(
      (
        await recognise({
          responseCode: "NOERROR",
          recordData: ["D-BBB.execute-api.eu-west-1.amazonaws.com."],
        })
      ).region,
    ).toBe("eu-west-1");
    expect((await recognise({ responseCode: "NOERROR", recordData: ["elsewhere.example.com"] })).region).toBe(
      undefined,
    );
  });
});

describe("AAAA alias answers (dns.ipv6)", () => {
  it("are attributed by the targets' IPv6 addresses", async () => {
    const asked: string[] = [];
    const recogniser = recogniserFor("AAAA", targets, async (name, family) => {
      asked.push(`${name} ${family}`);
      return family === "AAAA" && name.includes("eu-west-1") ? ["2a05:d018::1"] : ["52.16.0.1"];
    });
    expect(
      (await recogniser.recognise({ responseCode: "NOERROR", recordData: ["2a05:d018::1"] })).region,
    ).toBe("eu-west-1");
    expect(asked.every((line) => line.endsWith(" AAAA"))).toBe(true);
  });
});

describe("alias answers (addresses)", () => {
  it("are attributed to the region whose target resolves to a shared address, learning addresses over time", async () => {
    // Each lookup returns a different slice of the rotating pool, as API Gateway does.
    const slices: Record<string, string[][]> = {
      "d-aaa.execute-api.us-east-1.amazonaws.com": [["3.5.0.1"], ["3.5.0.2"]],
      "d-bbb.execute-api.eu-west-1.amazonaws.com": [["52.16.0.1"], ["52.16.0.2"]],
    };
    let round = 0;
    const recogniser = aliasAddressRecogniser(targets, async (name) => slices[name]?.[round] ?? []);

    // Round 0: we have seen only .1 addresses; Route 53 answers with .2: not yet recognisable.
    const first = await recogniser.recognise({ responseCode: "NOERROR", recordData: ["52.16.0.2"] });
    expect(first.region).toBeUndefined();
    expect(first.summary).toContain("matches no region's addresses");

    round = 1;
    expect((await recogniser.recognise({ responseCode: "NOERROR", recordData: ["52.16.0.2"] })).region).toBe(
      "eu-west-1",
    );
    // Addresses learnt in round 0 still count.
    expect((await recogniser.recognise({ responseCode: "NOERROR", recordData: ["3.5.0.1"] })).region).toBe(
      "us-east-1",
    );
  });

  it("survive a failed lookup and never attribute an answer that matches two regions", async () => {
    const recogniser = aliasAddressRecogniser(targets, async (name) => {
      if (name.includes("eu-west-1")) throw new Error("SERVFAIL");
      return ["3.5.0.1"];
    });

    expect((await recogniser.recognise({ responseCode: "NOERROR", recordData: ["3.5.0.1"] })).region).toBe(
      "us-east-1",
    );
    const shared = aliasAddressRecogniser(targets, async () => ["9.9.9.9"]);
    const answer = await shared.recognise({ responseCode: "NOERROR", recordData: ["9.9.9.9"] });
    expect(answer.region).toBeUndefined();
    expect(answer.summary).toContain("matches us-east-1 and eu-west-1");
  });
});

describe("Route 53 DG: healthy when more than 18 % of checkers report healthy", () => {
  const reports = (successes: number, total: number): string[] =>
    Array.from({ length: total }, (_, i) =>
      i < successes ? "Success: HTTP Status Code 200, OK" : "Failure: timeout",
    );

  it.each([
    [3, 16, true], // 18.75 %
    [2, 16, false], // 12.5 %
    [9, 50, false], // exactly 18 %: not MORE than 18 %
    [10, 50, true],
    [0, 0, false], // nobody reported: not evidence of health
  ])("%i of %i checkers reporting success -> healthy %s", (successes, total, healthy) => {
    expect(judgeCheckerReports(reports(successes, total)).healthy).toBe(healthy);
  });
});
