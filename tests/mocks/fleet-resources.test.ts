// Strict-mock rules for the regional backend's launch template and Auto Scaling group (docs/aws-facts.md,
// "Auto Scaling"): each is refused with the provider's or AWS's message, and the happy path is accepted.
import { describe, expect, it } from "vitest";
import { EC2_USER_DATA_MAX_BYTES } from "../../tools/aws-mocks";
import { UNKNOWN_INPUT, mockAccount } from "./strict-mocks";

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const GROUP = "aws:autoscaling/group:Group";

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

function launchTemplate(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    imageId: "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
    instanceType: "t4g.small",
    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
    userData: base64("#!/bin/bash\necho hello\n"),
    ...overrides,
  };
}

function group(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    minSize: 2,
    desiredCapacity: 2,
    maxSize: 4,
    vpcZoneIdentifiers: ["subnet-1", "subnet-2"],
    instanceRefresh: {
      strategy: "Rolling",
      preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 150 },
    },
    ...overrides,
  };
}

const refusal = (type: string, inputs: Record<string, unknown>) => mockAccount().refusal(type, inputs);

describe("strict mocks: launch templates", () => {
  it("accept the template the backend creates, as version 1", () => {
    const account = mockAccount();
    account.create(LAUNCH_TEMPLATE, launchTemplate());
    expect(account.mocks.registrations.at(-1)?.outputs).toMatchObject({ latestVersion: 1 });
    expect(refusal(LAUNCH_TEMPLATE, launchTemplate({ imageId: "ami-0123456789abcdef0" }))).toBeUndefined();
  });

  it.each([
    ["a bare name", "al2023", /InvalidAMIID\.Malformed: Invalid id: "al2023"/],
    [
      "an SSM path without resolve:ssm:",
      "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
      /InvalidAMIID\.Malformed/,
    ],
    [
      "a public parameter that does not exist",
      "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-sparc",
      /ParameterNotFound: \/aws\/service\/ami-amazon-linux-latest\/al2023-ami-kernel-default-sparc/,
    ],
  ])("refuse an imageId that is %s", (_, imageId, message) => {
    expect(refusal(LAUNCH_TEMPLATE, launchTemplate({ imageId }))).toMatch(message);
  });

  it("refuse user data that is not base64, and over 16 KB before encoding", () => {
    expect(refusal(LAUNCH_TEMPLATE, launchTemplate({ userData: "#!/bin/bash\n" }))).toMatch(
      /InvalidUserData\.Malformed: user data of a launch template must be base64-encoded/,
    );
    expect(
      refusal(LAUNCH_TEMPLATE, launchTemplate({ userData: base64("x".repeat(EC2_USER_DATA_MAX_BYTES + 1)) })),
    ).toMatch(/User data is limited to 16384 bytes, got 16385/);
    expect(
      refusal(LAUNCH_TEMPLATE, launchTemplate({ userData: base64("x".repeat(EC2_USER_DATA_MAX_BYTES)) })),
    ).toBeUndefined();
  });

  it("refuse a metadata hop limit outside 1-64", () => {
    expect(
      refusal(LAUNCH_TEMPLATE, launchTemplate({ metadataOptions: { httpPutResponseHopLimit: 0 } })),
    ).toMatch(/http_put_response_hop_limit to be in the range \(1 - 64\), got 0/);
  });

  it("judge nothing a preview leaves unknown", () => {
    expect(
      mockAccount({ preview: true }).refusal(
        LAUNCH_TEMPLATE,
        launchTemplate({ imageId: UNKNOWN_INPUT, userData: UNKNOWN_INPUT }),
      ),
    ).toBeUndefined();
  });
});

describe("strict mocks: Auto Scaling groups", () => {
  it("accept the group the backend creates", () => {
    expect(refusal(GROUP, group())).toBeUndefined();
  });

  it.each([
    [
      { desiredCapacity: 5 },
      /ValidationError: Desired capacity:5 must be between the specified min size:2 and max size:4/,
    ],
    [{ desiredCapacity: 1 }, /Desired capacity:1 must be between the specified min size:2 and max size:4/],
    [
      { maxSize: 1, desiredCapacity: 1 },
      /ValidationError: Max bound, 1, must be greater than or equal to min bound, 2/,
    ],
    [{ vpcZoneIdentifiers: [] }, /At least one Availability Zone or VPC Subnet is required/],
  ])("refuse sizes or placement AWS refuses: %j", (change, message) => {
    expect(refusal(GROUP, group(change))).toMatch(message);
  });

  it.each([
    [
      { strategy: "AllAtOnce" },
      /StartInstanceRefresh: ValidationException: 1 validation error detected: Value 'AllAtOnce' at 'strategy' failed to satisfy constraint: Member must satisfy enum value set: \[Rolling, ReplaceRootVolume\]/,
    ],
    [
      { strategy: "Rolling", preferences: { minHealthyPercentage: 101, maxHealthyPercentage: 150 } },
      /Value '101' at 'preferences\.minHealthyPercentage' failed to satisfy constraint: Member must have value less than or equal to 100/,
    ],
    [
      { strategy: "Rolling", preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 99 } },
      /Value '99' at 'preferences\.maxHealthyPercentage' failed to satisfy constraint: Member must have value greater than or equal to 100/,
    ],
    [
      { strategy: "Rolling", preferences: { minHealthyPercentage: 50, maxHealthyPercentage: 200 } },
      /The difference between MinHealthyPercentage and MaxHealthyPercentage cannot be greater than 100/,
    ],
  ])("refuse an instance refresh AWS refuses: %j", (instanceRefresh, message) => {
    expect(refusal(GROUP, group({ instanceRefresh }))).toMatch(message);
  });
});
