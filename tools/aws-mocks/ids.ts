import { createHash } from "node:crypto";

/** A short, stable hex digest: the same name always gets the same fake ID, run after run. */
export function digest(text: string, length = 10): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** A UUID-shaped stable value, for certificate and health-check IDs. */
export function uuidFrom(text: string): string {
  const h = createHash("sha256").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * A DNS name as Route 53 compares it: without case, and without the root's trailing dot ("DNS domain name
 * format", Route 53 Developer Guide: names are case-insensitive and a trailing dot is optional). The mocks
 * keep their own copy, so a mistake in the program's cannot pass both.
 */
export function canonicalDnsName(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}
