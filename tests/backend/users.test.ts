import { describe, expect, it } from "vitest";
import {
  EMAIL_MAX_LENGTH,
  isUserId,
  NAME_MAX_LENGTH,
  newUserRecord,
  validateNewUser,
} from "../../backend/users";

function errorOf(body: unknown): string {
  const result = validateNewUser(body);
  if (result.ok) throw new Error(`expected ${JSON.stringify(body)} to be refused`);
  return result.error;
}

describe("validateNewUser", () => {
  it("accepts a name and an email, trimmed", () => {
    expect(validateNewUser({ name: " Ada ", email: " ada@example.com " })).toEqual({
      ok: true,
      value: { name: "Ada", email: "ada@example.com" },
    });
  });

  it(`accepts a name of exactly ${NAME_MAX_LENGTH} characters, counting each emoji as one`, () => {
    expect(validateNewUser({ name: "x".repeat(NAME_MAX_LENGTH), email: "a@b.co" }).ok).toBe(true);
    expect(validateNewUser({ name: "😀".repeat(NAME_MAX_LENGTH), email: "a@b.co" }).ok).toBe(true);
  });

  it.each([null, "Ada", 42, ["Ada"]])("refuses %j: the body must be an object", (body) => {
    expect(errorOf(body)).toMatch(/JSON object/);
  });

  it("names the unknown field", () => {
    expect(errorOf({ name: "Ada", email: "a@b.co", role: "admin" })).toBe(
      'unknown field "role": only name and email are accepted',
    );
  });

  it.each([
    [{ email: "a@b.co" }, '"name" is required'],
    [{ name: 7, email: "a@b.co" }, '"name" must be a string'],
    [
      { name: "", email: "a@b.co" },
      `"name" must be a non-empty string of at most ${NAME_MAX_LENGTH} characters`,
    ],
    [
      { name: "x".repeat(NAME_MAX_LENGTH + 1), email: "a@b.co" },
      `"name" must be a non-empty string of at most 100 characters`,
    ],
    [{ name: "Ada\nLovelace", email: "a@b.co" }, '"name" must not contain control characters'],
    [{ name: "Ada" }, '"email" is required'],
    [{ name: "Ada", email: ["a@b.co"] }, '"email" must be a string'],
    [
      { name: "Ada", email: `${"a".repeat(EMAIL_MAX_LENGTH)}@b.co` },
      `"email" must be at most ${EMAIL_MAX_LENGTH} characters`,
    ],
  ])("refuses %j with %j", (body, error) => {
    expect(errorOf(body)).toBe(error);
  });

  it.each([
    "ada",
    "ada@",
    "@example.com",
    "ada@example",
    "ada@@example.com",
    "ada lovelace@example.com",
    "ada@example..com",
  ])("refuses the implausible email %j", (email) => {
    expect(errorOf({ name: "Ada", email })).toMatch(/^"email" must be a plausible email address/);
  });
});

describe("isUserId", () => {
  it("accepts the UUIDs the app generates and nothing else", () => {
    expect(isUserId(crypto.randomUUID())).toBe(true);
    expect(isUserId("health-probe")).toBe(false);
    expect(isUserId("../etc/passwd")).toBe(false);
    expect(isUserId("0B5A3C4E-1D2F-4A6B-8C9D-0E1F2A3B4C5D")).toBe(false);
  });
});

describe("newUserRecord", () => {
  it("stamps the id and the creation time", () => {
    expect(newUserRecord({ name: "Ada", email: "a@b.co" }, "id-1", new Date(Date.UTC(2026, 0, 2)))).toEqual({
      id: "id-1",
      name: "Ada",
      email: "a@b.co",
      createdAt: "2026-01-02T00:00:00.000Z",
    });
  });
});
