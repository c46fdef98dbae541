/**
 * Regions of the commercial `aws` partition: the `regions` of partition `aws` in the AWS SDKs' endpoint
 * data (botocore `data/endpoints.json`). The China, GovCloud, ISO and sovereign partitions are left out on
 * purpose: their ARNs, Route 53 and ACM differ, and this program has not been designed for them. Written out
 * here so the model stays free of packages; tests/model/regions.test.ts fails when the AWS provider's
 * `aws.Region` enum gains or loses a commercial region, which is when this list must follow.
 */
export const COMMERCIAL_REGIONS: readonly string[] = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
];

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
