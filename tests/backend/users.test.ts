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

  it("refuses an unknown field without repeating its name", () => {
    expect(errorOf({ name: "Ada", email: "a@b.co", role: "admin" })).toBe(
      "unknown field: only name and email are accepted",
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
    [{ name: "Ada" }, '"email" is required'],
    [{ name: "Ada", email: ["a@b.co"] }, '"email" must be a string'],
    [
      { name: "Ada", email: `${"a".repeat(EMAIL_MAX_LENGTH)}@b.co` },
      `"email" must be at most ${EMAIL_MAX_LENGTH} characters`,
    ],
  ])("refuses %j with %j", (body, error) => {
    expect(errorOf(body)).toBe(error);
  });

  const CONTROL = "must not contain control characters (U+0000-U+001F, U+007F-U+009F)";
  const BIDI = "must not contain bidirectional overrides or isolates (U+202A-U+202E, U+2066-U+2069)";
  const INVISIBLE = "must contain a visible character, not only zero-width ones";
  const SURROGATE = "must be valid Unicode (it has a lone surrogate)";
  it.each([
    ["a newline (C0)", "Ada\nLovelace", CONTROL],
    ["NUL (C0)", "Ada\u0000", CONTROL],
    ["an ESC sequence (C0)", "Ada\u001b[31m", CONTROL],
    ["DEL", "Ada\u007f", CONTROL],
    ["a C1 control (CSI)", "Ada\u009b31m", CONTROL],
    ["a right-to-left override", "Ada\u202egpj.exe", BIDI],
    ["a left-to-right embedding", "\u202aAda", BIDI],
    ["a first-strong isolate", "Ada\u2068x\u2069", BIDI],
    ["only a zero-width space", "\u200b", INVISIBLE],
    ["only zero-width joiners, a word joiner and a BOM", "\u200d\u200c\u2060 \ufeff\u200b", INVISIBLE],
    ["a Hangul filler", "\u3164", INVISIBLE],
    ["a lone high surrogate", "Ada\ud800", SURROGATE],
    ["a lone low surrogate", "\udc00Ada", SURROGATE],
  ])("refuses a name or an email with %s, naming the field", (_case, text, reason) => {
    expect(errorOf({ name: text, email: "a@b.co" })).toBe(`"name" ${reason}`);
    const email = reason === INVISIBLE ? text : `ada${text}@example.com`;
    expect(errorOf({ name: "Ada", email })).toBe(`"email" ${reason}`);
  });

  it("keeps a zero-width joiner inside visible text, as emoji sequences and some scripts need it", () => {
    expect(validateNewUser({ name: "👩\u200d💻 Ada", email: "a@b.co" }).ok).toBe(true);
  });

  it("accepts a pair of surrogates: one character outside the BMP", () => {
    expect(validateNewUser({ name: "\ud83d\ude00", email: "a@b.co" })).toMatchObject({
      ok: true,
      value: { name: "😀" },
    });
  });

  it("stores names and emails NFC-normalised, counting the length after normalising", () => {
    const decomposed = "Jose\u0301"; // "e" + combining acute accent
    expect(validateNewUser({ name: decomposed, email: `jose\u0301@example.com` })).toEqual({
      ok: true,
      value: { name: "Jos\u00e9", email: "jos\u00e9@example.com" },
    });
    // 100 decomposed "é" are 200 code points but 100 characters once composed.
    expect(validateNewUser({ name: "e\u0301".repeat(NAME_MAX_LENGTH), email: "a@b.co" }).ok).toBe(true);
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
