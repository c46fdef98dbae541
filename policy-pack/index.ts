// The pack itself: constructing it starts the analyzer server the Pulumi CLI talks to (docs/aws-facts.md#a-policy-pack-is-an-analyzer-server).
// Policies live in ./policies, one concern per file, so tests and the README can refer to them.
import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./policies";

new PolicyPack("multi-region-failover", {
  description: "CrossGuard policies that keep Route 53 DNS failover of a multi-region API working.",
  policies: [...POLICIES],
});
