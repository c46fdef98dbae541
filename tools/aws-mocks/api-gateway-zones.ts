/**
 * API Gateway's Route 53 hosted zone for regional endpoints, per region (AWS General Reference, "Amazon API
 * Gateway endpoints and quotas"). A regional custom domain's `regionalZoneId` is this value, and an alias
 * to `d-xxxx.execute-api.<region>.amazonaws.com` must name it. Edge-optimized domains use Z2FDTNDATAQYW2.
 */
export const API_GATEWAY_REGIONAL_ZONE_IDS: Readonly<Record<string, string>> = {
  "us-east-1": "Z1UJRXOUMOOFQ8",
  "us-east-2": "ZOJJZC49E0EPZ",
  "us-west-1": "Z2MUQ32089INYE",
  "us-west-2": "Z2OJLYMUO9EFXC",
  "ca-central-1": "Z19DQILCV0OWEC",
  "eu-central-1": "Z1U9ULNL0V5AJ3",
  "eu-west-1": "ZLY8HYME6SFDD",
  "eu-west-2": "ZJ5UAJN8Y3Z2Q",
  "eu-west-3": "Z3KY65QIEKYHQQ",
  "ap-south-1": "Z3VO1THU9YC4UR",
  "ap-northeast-1": "Z1YSHQZHG15GKL",
  "ap-northeast-2": "Z20JF4UZKIW1U8",
  "ap-northeast-3": "Z2YQB5RD63NC85",
  "ap-southeast-1": "ZL327KTPIQFUL",
  "ap-southeast-2": "Z2RPCDW04V8134",
  "sa-east-1": "ZCMLWB8V5SYIT",
};

export const API_GATEWAY_EDGE_ZONE_ID = "Z2FDTNDATAQYW2";
