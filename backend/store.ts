/**
 * Where users are kept. The app only sees this interface: DynamoDB in production (dynamodb-store.ts), the
 * in-memory store below in tests and local runs.
 */
import type { User } from "./users";

export interface UserStore {
  list(): Promise<User[]>;
  get(id: string): Promise<User | undefined>;
  /**
   * Stores a new user unless its id is taken, in one atomic step. Answers undefined when it stored the
   * user, or the user already under that id (then nothing was written): a retry with an idempotency key
   * derives the same id, so it gets the first request's user back.
   */
  create(user: User): Promise<User | undefined>;
  /** Performs a real read of the backing store and rejects when it cannot. `/health` is built on it. */
  probe(): Promise<void>;
}

/** Lists users oldest first, so that every store answers `GET /v1/users` in the same order. */
export function sortByCreation(users: readonly User[]): User[] {
  return [...users].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export class InMemoryUserStore implements UserStore {
  private readonly users = new Map<string, User>();

  constructor(initialUsers: readonly User[] = []) {
    for (const user of initialUsers) this.users.set(user.id, user);
  }

  async list(): Promise<User[]> {
    return sortByCreation([...this.users.values()]);
  }

  async get(id: string): Promise<User | undefined> {
    return this.users.get(id);
  }

  async create(user: User): Promise<User | undefined> {
    const existing = this.users.get(user.id);
    if (existing === undefined) this.users.set(user.id, user);
    return existing;
  }

  async probe(): Promise<void> {
    // Always readable: memory does not go away.
  }
}
