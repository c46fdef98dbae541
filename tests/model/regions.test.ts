import { ResourceRecordSetRegion } from "@aws-sdk/client-route-53";
import * as aws from "@pulumi/aws";
import { describe, expect, it } from "vitest";
import { COMMERCIAL_REGIONS } from "@multi-region-api/model/regions";
import { LATENCY_ROUTING_REGIONS } from "@multi-region-api/model/route53";

/** Partitions other than `aws` by their region prefixes (the SDKs' endpoint data, partition `regionRegex`). */
const OTHER_PARTITIONS = /^(cn|us-gov|us-iso[a-z]*|eu-iso[a-z]*|eusc)-/;

describe("the model's region lists follow AWS's", () => {
  it("lists exactly the commercial regions of the AWS provider's aws.Region enum", () => {
    const fromProvider = Object.values(aws.Region).filter((region) => !OTHER_PARTITIONS.test(region));
    expect([...COMMERCIAL_REGIONS].sort()).toEqual([...fromProvider].sort());
  });

  it("lists exactly the latency regions of the Route 53 SDK's ResourceRecordSetRegion enum", () => {
    expect([...LATENCY_ROUTING_REGIONS].sort()).toEqual(Object.values(ResourceRecordSetRegion).sort());
  });
});
