import * as aws from "@pulumi/aws";
import { Certificates, FailoverDns, RegionalApi } from "@multi-region-api/components";

const domainName = "api.example.com";
const regions = ["us-east-1", "eu-west-1"];

// Route 53 and its health-check alarms live in us-east-1; each region gets its own provider.
const providers = Object.fromEntries(regions.map((region) => [region, new aws.Provider(region, { region })]));
const global = providers["us-east-1"]!;
const zone = aws.route53.getZoneOutput({ name: "example.com", privateZone: false }, { provider: global });

const certificates = new Certificates(
  "certificates",
  {
    domainName,
    zoneId: zone.zoneId,
    regions: regions.map((region) => ({ region, provider: providers[region]! })),
  },
  { provider: global },
);

// Each region proxies to a backend you already run; `kind: "ec2"` would build an Auto Scaling fleet instead.
const apis = regions.map(
  (region) =>
    new RegionalApi(
      `api-${region}`,
      {
        region,
        domainName,
        hostedZoneId: zone.zoneId,
        certificateArn: certificates.arns[region]!,
        backend: { kind: "url", url: `https://backend.${region}.example.net` },
        auth: {
          mode: "jwt",
          issuer: "https://login.example.com/",
          audience: domainName,
          cacheTtlSeconds: 60,
        },
      },
      { provider: providers[region] },
    ),
);

// A RegionalApi is a FailoverDns endpoint as it is: PRIMARY is the first region.
const dns = new FailoverDns(
  "failover",
  { zoneId: zone.zoneId, recordName: domainName, endpoints: apis, alarms: { provider: global } },
  { provider: global },
);

export const url = dns.url;
export const failoverOrder = dns.failoverOrder;
export const healthCheckIds = dns.healthCheckIds;
