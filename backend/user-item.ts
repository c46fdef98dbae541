/**
 * Users as DynamoDB items in the low-level JSON format (`{ "name": { "S": "Ada" } }`), which is what the
 * DynamoDB HTTP API speaks when there is no SDK to marshal for us.
 */
import { USERS_TABLE_HASH_KEY } from "@multi-region-api/model/contracts/backend";
import type { User } from "./users";

export type AttributeValue = { readonly S: string };
export type Item = Readonly<Record<string, AttributeValue>>;

export function userToItem(user: User): Item {
  return {
    [USERS_TABLE_HASH_KEY]: { S: user.id },
    name: { S: user.name },
    email: { S: user.email },
    createdAt: { S: user.createdAt },
  };
}

export function keyOf(id: string): Item {
  return { [USERS_TABLE_HASH_KEY]: { S: id } };
}

/**
 * Reads a user back; undefined for an item that is not one (written by hand, or by a future version
 * with a different shape) so one odd item cannot break `GET /v1/users` for everyone.
 */
export function itemToUser(item: unknown): User | undefined {
  if (typeof item !== "object" || item === null) return undefined;
  const record = item as Record<string, unknown>;
  const id = stringAttribute(record[USERS_TABLE_HASH_KEY]);
  const name = stringAttribute(record.name);
  const email = stringAttribute(record.email);
  const createdAt = stringAttribute(record.createdAt);
  if (id === undefined || name === undefined || email === undefined || createdAt === undefined)
    return undefined;
  return { id, name, email, createdAt };
}

function stringAttribute(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const s = (value as Record<string, unknown>).S;
  return typeof s === "string" ? s : undefined;
}
