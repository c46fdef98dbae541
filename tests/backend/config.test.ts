import { describe, expect, it } from "vitest";
import { readServerConfig } from "../../backend/config";

const VALID = { PORT: "8080", AWS_REGION: "eu-west-1", TABLE_NAME: "users-3f2a1b" };

describe("readServerConfig", () => {
  it("reads the port, region and table", () => {
    expect(readServerConfig(VALID)).toEqual({ port: 8080, region: "eu-west-1", tableName: "users-3f2a1b" });
  });

  it("names every missing variable at once", () => {
    expect(() => readServerConfig({ PORT: "8080" })).toThrow(
      "missing environment variables: AWS_REGION, TABLE_NAME",
    );
    expect(() => readServerConfig({ ...VALID, TABLE_NAME: " " })).toThrow(
      "missing environment variable: TABLE_NAME",
    );
  });

  it.each(["http", "-1", "80.5", "65536"])("refuses PORT=%s", (port) => {
    expect(() => readServerConfig({ ...VALID, PORT: port })).toThrow(
      `PORT must be an integer from 0 to 65535, got "${port}"`,
    );
  });
});
