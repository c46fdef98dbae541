import * as aws from "@pulumi/aws";

/**
 * Regions of the commercial `aws` partition, taken from the provider's own `aws.Region` enum so that a
 * provider upgrade brings new regions with it. The China, GovCloud, ISO and sovereign partitions are left
 * out on purpose: their ARNs, Route 53 and ACM differ, and this program has not been designed for them.
 */
export const COMMERCIAL_REGIONS: readonly string[] = Object.values(aws.Region).filter(
  (region) => !/^(cn|us-gov|us-iso[a-z]*|eu-iso[a-z]*|eusc)-/.test(region),
);

/**
 * API Gateway's Route 53 hosted zone for regional endpoints, per commercial region: a regional custom
 * domain's `regionalZoneId`, which an alias to `d-xxxx.execute-api.<region>.amazonaws.com` must name
 * (docs/aws-facts.md, API Gateway regional hosted zone IDs). Source: AWS General Reference, "Amazon API
 * Gateway endpoints and quotas", data-plane table, column "Route 53 Hosted Zone ID"
 * (https://docs.aws.amazon.com/general/latest/gr/apigateway.html). Our stored copy of that page is cut short,
 * so every entry was also checked against at least two public tables that cite it (kubernetes-sigs
 * external-dns `provider/aws`, and deployment scripts of 2024–2025). ap-northeast-3 uses the current
 * Z22ILHG95FLSZ2 (a 2018 copy had Z2YQB5RD63NC85, from when Osaka was a local region).
 *
 * A commercial region missing here (ap-southeast-6 today: no second source agreed) is refused at config time,
 * because neither the strict mocks nor a reviewer could tell a wrong alias zone from a right one.
 */
export const API_GATEWAY_REGIONAL_ZONE_IDS: Readonly<Record<string, string>> = {
  "us-east-1": "Z1UJRXOUMOOFQ8",
  "us-east-2": "ZOJJZC49E0EPZ",
  "us-west-1": "Z2MUQ32089INYE",
  "us-west-2": "Z2OJLYMUO9EFXC",
  "af-south-1": "Z2DHW2332DAMTN",
  "ap-east-1": "Z3FD1VL90ND7K5",
  "ap-east-2": "Z02909591O7FG9Q56HWB1",
  "ap-south-1": "Z3VO1THU9YC4UR",
  "ap-south-2": "Z0853509Q1135NJ66RUH",
  "ap-northeast-1": "Z1YSHQZHG15GKL",
  "ap-northeast-2": "Z20JF4UZKIW1U8",
  "ap-northeast-3": "Z22ILHG95FLSZ2",
  "ap-southeast-1": "ZL327KTPIQFUL",
  "ap-southeast-2": "Z2RPCDW04V8134",
  "ap-southeast-3": "Z10132843TYUYSLUG4HA3",
  "ap-southeast-4": "Z092189423Y7RJK61311D",
  "ap-southeast-5": "Z0314042F0KBUTZ3X5HF",
  "ap-southeast-7": "Z048508712PZLK5NKG8R0",
  "ca-central-1": "Z19DQILCV0OWEC",
  "ca-west-1": "Z04745493436AWVTG1OQY",
  "eu-central-1": "Z1U9ULNL0V5AJ3",
  "eu-central-2": "Z09222482MK253X48U76H",
  "eu-north-1": "Z3UWIKFBOOGXPP",
  "eu-south-1": "Z3BT4WSQ9TDYZV",
  "eu-south-2": "Z02499852UI5HEQ5JVWX3",
  "eu-west-1": "ZLY8HYME6SFDD",
  "eu-west-2": "ZJ5UAJN8Y3Z2Q",
  "eu-west-3": "Z3KY65QIEKYHQQ",
  "il-central-1": "Z07264553HBI44N5X2CKP",
  "me-central-1": "Z08780021BKYYY8U0YHTV",
  "me-south-1": "Z20ZBPC0SS8806",
  "mx-central-1": "Z00020171WIGL5M88SHRM",
  "sa-east-1": "ZCMLWB8V5SYIT",
};

/** Commercial regions the project can model: those whose API Gateway hosted zone it knows. */
export const SUPPORTED_REGIONS: readonly string[] = COMMERCIAL_REGIONS.filter(
  (region) => API_GATEWAY_REGIONAL_ZONE_IDS[region] !== undefined,
);

export function isCommercialRegion(name: string): boolean {
  return COMMERCIAL_REGIONS.includes(name);
}

export function isSupportedRegion(name: string): boolean {
  return SUPPORTED_REGIONS.includes(name);
}
