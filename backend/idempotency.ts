/**
 * The `Idempotency-Key` request header of `POST /v1/users` (IETF draft "The Idempotency-Key HTTP Header
 * Field", draft-ietf-httpapi-idempotency-key-header): a client sends the same key with every retry of one
 * request, and the request takes effect once.
 *
 * The key is kept as the user's id: the id is derived from the caller and the key, so a retry derives the
 * same id and the store's write-if-absent finds the first user under it. That needs one conditional write and
 * no second table or item, and a key lives exactly as long as the user it created.
 */
import { createHash } from "node:crypto";

/** Node lowercases header names. */
export const IDEMPOTENCY_KEY_HEADER = "idempotency-key";

/**
 * 16-128 characters of printable ASCII without space, `"` and `\`, so a key is safe in logs and needs no
 * escaping; at least 16 so that it is not guessed by chance (a UUID has 36). The draft makes the field an
 * RFC 8941 String, which is in double quotes; most clients send the bare value, so both are accepted.
 */
const KEY = /^("?)([!#-[\]-~]{16,128})\1$/;

export const IDEMPOTENCY_KEY_ERROR =
  "the Idempotency-Key header must be 16-128 printable ASCII characters, no space, quote or backslash";

/**
 * The key a request carries: undefined when it has none, null when the header is there but not a key
 * (repeated headers arrive joined by ", ", so a repeated key is refused too).
 */
export function idempotencyKeyOf(header: string | string[] | undefined): string | null | undefined {
  if (header === undefined) return undefined;
  const match = typeof header === "string" ? KEY.exec(header) : null;
  return match === null ? null : match[2]!;
}

/**
 * The id of the user a keyed request creates: a UUID version 8 (RFC 9562, section 5.8; its appendix B.2
 * builds one from SHA-256 the same way) over the caller's `sub` and the key. Keys are per caller (draft,
 * section 2), so two callers' equal keys name two users; ids the app draws at random are version 4, so the
 * two kinds never meet. The id reveals neither the key nor the caller.
 */
export function userIdForKey(caller: string, key: string): string {
  const hex = createHash("sha256")
    .update(JSON.stringify([caller, key]))
    .digest("hex");
  // The version nibble is 8; the variant's two top bits are 10, so its nibble is one of 8, 9, a, b.
  const variant = "89ab"[parseInt(hex[16]!, 16) & 3];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
