/**
 * DynamoDbUserStore against dynalite (an implementation of DynamoDB's JSON API on LevelDB, in memory here)
 * on loopback, started by the test: real requests, real conditional writes, real Scan pages. What dynalite
 * does not do, and so what these tests cannot show: it checks that a request is signed but not the
 * signature (sigv4.test.ts checks that against AWS's published examples), and it ignores
 * ReturnValuesOnConditionCheckFailure (dynalite 4.0.0, actions/putItem.js), so the idempotent retry's
 * answer is tested against a stand-in in idempotency.test.ts.
 */
import dynalite from "dynalite";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HEALTHY_MARKER } from "@multi-region-api/model/contracts/backend";
import { DynamoDbError, DynamoDbUserStore } from "../../backend/dynamodb-store";
import { IDEMPOTENCY_KEY_HEADER } from "../../backend/idempotency";
import type { User } from "../../backend/users";
import { createUsersTable } from "../../tools/stand-ins/dynalite-api";
import { serve } from "./serve";
import { ADA, GRACE } from "./users.fixture";

const server = dynalite({ createTableMs: 0 });
let endpoint = "";
let tableCount = 0;

/** A fresh, ACTIVE users table (the app's key schema) and a store on it. */
async function freshStore(options: { maxListedUsers?: number } = {}): Promise<DynamoDbUserStore> {
  const tableName = `users-${++tableCount}`;
  await createUsersTable(endpoint, tableName);
  return new DynamoDbUserStore({
    region: "eu-west-1",
    tableName,
    endpoint,
    fetch: (url, init) => fetch(url, init),
    credentials: async () => ({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "t" }),
    ...options,
  });
}

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("DynamoDbUserStore on dynalite", () => {
  it("stores, reads back and lists users, oldest first", async () => {
    const store = await freshStore();
    expect(await store.create(GRACE)).toBeUndefined();
    expect(await store.create(ADA)).toBeUndefined();
    expect(await store.get(ADA.id)).toEqual(ADA);
    expect(await store.get("11111111-2222-4333-8444-555555555555")).toBeUndefined();
    expect(await store.list()).toEqual([ADA, GRACE]);
  });

  it("never overwrites a user: a second write under the id is refused and the first stays", async () => {
    const store = await freshStore();
    await store.create(ADA);
    const second = store.create({ ...ADA, name: "Someone Else" });
    await expect(second).rejects.toBeInstanceOf(DynamoDbError);
    await expect(second).rejects.toThrow(/ConditionalCheckFailedException/);
    expect(await store.get(ADA.id)).toEqual(ADA);
  });

  it("stops at maxListedUsers, through Scan's Limit", async () => {
    const store = await freshStore({ maxListedUsers: 3 });
    const users: User[] = Array.from({ length: 5 }, (_, i) => ({
      id: `0b5a3c4e-1d2f-4a6b-8c9d-0e1f2a3b4c5${i}`,
      name: `User ${i}`,
      email: `user${i}@example.com`,
      createdAt: `2026-01-0${i + 1}T00:00:00.000Z`,
    }));
    for (const user of users) await store.create(user);
    const listed = await store.list();
    expect(listed).toHaveLength(3);
    expect(listed.every((user) => users.some((u) => u.id === user.id))).toBe(true);
  });

  it("probes a table that exists and fails on one that does not", async () => {
    const store = await freshStore();
    await expect(store.probe()).resolves.toBeUndefined();
    const missing = new DynamoDbUserStore({
      region: "eu-west-1",
      tableName: "no-such-table",
      endpoint,
      fetch: (url, init) => fetch(url, init),
      credentials: async () => ({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }),
    });
    await expect(missing.probe()).rejects.toThrow(/ResourceNotFoundException/);
  });

  it("serves the app: /health, a keyed POST and a GET of what it created", async () => {
    const app = await serve({ region: "eu-west-1", store: await freshStore() });
    try {
      const health = await fetch(`${app.baseUrl}/health`);
      expect(health.status).toBe(200);
      expect(await health.text()).toContain(HEALTHY_MARKER);
      const created = await fetch(`${app.baseUrl}/v1/users`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [IDEMPOTENCY_KEY_HEADER]: "8e0f6a52-4c3b-4d1e-9f7a-2b6c5d4e3f21",
        },
        body: JSON.stringify({ name: "Ada Lovelace", email: "ada@example.com" }),
      });
      expect(created.status).toBe(201);
      const user = (await created.json()) as User;
      const read = await fetch(`${app.baseUrl}/v1/users/${user.id}`);
      expect(await read.json()).toEqual(user);
    } finally {
      await app.close();
    }
  });
});
