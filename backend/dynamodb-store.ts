/**
 * UserStore on the region's local replica of the users global table, through DynamoDB's JSON API over
 * HTTPS (POST to https://dynamodb.{region}.amazonaws.com/ with an X-Amz-Target naming the action),
 * signed with SigV4. The VPC's DynamoDB gateway endpoint routes that hostname without a NAT gateway.
 */
import { USERS_TABLE_HASH_KEY } from "@multi-region-api/model/contracts/backend";
import type { FetchLike } from "./fetch-like";
import type { CredentialProvider } from "./imds-credentials";
import { signRequest } from "./sigv4";
import { sortByCreation, type UserStore } from "./store";
import { itemToUser, keyOf, userToItem, type Item } from "./user-item";
import type { User } from "./users";

export interface DynamoDbUserStoreOptions {
  readonly region: string;
  readonly tableName: string;
  readonly credentials: CredentialProvider;
  readonly fetch: FetchLike;
  readonly now?: () => Date;
  /** Override the regional endpoint (tests, DynamoDB Local). */
  readonly endpoint?: string;
  readonly timeoutMs?: number;
  /** `GET /v1/users` stops scanning after this many users rather than reading an unbounded table. */
  readonly maxListedUsers?: number;
}

export class DynamoDbError extends Error {
  constructor(
    readonly action: string,
    readonly status: number,
    readonly type: string,
    message: string,
    /** The whole error answer: a failed condition's answer holds the item that failed it. */
    readonly answer: Readonly<Record<string, unknown>> = {},
  ) {
    super(`DynamoDB ${action} failed (${status} ${type}): ${message}`);
    this.name = "DynamoDbError";
  }
}

/** Not a user id (ids are UUIDs): reading it proves the replica answers reads, whether or not it exists. */
export const HEALTH_PROBE_KEY = "health-probe";
const API_VERSION = "DynamoDB_20120810";

export class DynamoDbUserStore implements UserStore {
  private readonly endpoint: string;
  private readonly now: () => Date;
  private readonly timeoutMs: number;
  private readonly maxListedUsers: number;

  constructor(private readonly options: DynamoDbUserStoreOptions) {
    this.endpoint = options.endpoint ?? `https://dynamodb.${options.region}.amazonaws.com/`;
    this.now = options.now ?? (() => new Date());
    this.timeoutMs = options.timeoutMs ?? 3_000;
    this.maxListedUsers = options.maxListedUsers ?? 1_000;
  }

  async list(): Promise<User[]> {
    const users: User[] = [];
    let exclusiveStartKey: unknown;
    // Scan answers at most 1 MB per call: follow LastEvaluatedKey until the table or the cap ends.
    do {
      const page = await this.call("Scan", {
        TableName: this.options.tableName,
        Limit: this.maxListedUsers - users.length,
        ...(exclusiveStartKey === undefined ? {} : { ExclusiveStartKey: exclusiveStartKey }),
      });
      for (const item of arrayOf(page.Items)) {
        const user = itemToUser(item);
        if (user !== undefined) users.push(user);
      }
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey !== undefined && users.length < this.maxListedUsers);
    return sortByCreation(users);
  }

  async get(id: string): Promise<User | undefined> {
    const answer = await this.call("GetItem", { TableName: this.options.tableName, Key: keyOf(id) });
    return answer.Item === undefined ? undefined : itemToUser(answer.Item);
  }

  /**
   * A conditional PutItem: it writes only when no item has the id, atomically, so two racing requests
   * cannot both write. On a failed condition DynamoDB answers ConditionalCheckFailedException, whose `Item`
   * is the item that failed it when ReturnValuesOnConditionCheckFailure is ALL_OLD (DynamoDB API Reference,
   * PutItem), at no read cost: no second request is needed to answer a retry.
   */
  async create(user: User): Promise<User | undefined> {
    try {
      await this.call("PutItem", {
        TableName: this.options.tableName,
        Item: userToItem(user),
        ConditionExpression: "attribute_not_exists(#id)",
        ExpressionAttributeNames: { "#id": USERS_TABLE_HASH_KEY },
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      });
      return undefined;
    } catch (error) {
      const existing =
        error instanceof DynamoDbError && error.type === "ConditionalCheckFailedException"
          ? itemToUser(error.answer.Item)
          : undefined;
      // Anything else, including an item under the id that is not a user, is a failure of the store.
      if (existing === undefined) throw error;
      return existing;
    }
  }

  async probe(): Promise<void> {
    await this.call("GetItem", { TableName: this.options.tableName, Key: keyOf(HEALTH_PROBE_KEY) });
  }

  private async call(action: string, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
    const body = JSON.stringify(payload);
    const signed = signRequest(
      {
        method: "POST",
        url: this.endpoint,
        headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": `${API_VERSION}.${action}` },
        body,
      },
      {
        region: this.options.region,
        service: "dynamodb",
        credentials: await this.options.credentials(),
        signingTime: this.now(),
      },
    );
    // fetch derives Host from the URL itself (and refuses to be told otherwise); the signed value is the same.
    const { host: _host, ...headers } = signed.headers;
    const response = await this.options.fetch(this.endpoint, {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    const answer = parseObject(text);
    if (response.status !== 200) {
      // Errors look like {"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"..."}.
      const type = String(answer.__type ?? "UnknownError")
        .split("#")
        .pop()!;
      const message = String(answer.message ?? answer.Message ?? text.slice(0, 200));
      throw new DynamoDbError(action, response.status, type, message, answer);
    }
    return answer;
  }
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function arrayOf(value: unknown): readonly Item[] {
  return Array.isArray(value) ? (value as Item[]) : [];
}
