/**
 * The fake AWS account the stand-in providers share between engine runs: what exists, by provider-given ID,
 * in a JSON file (STAND_IN_ACCOUNT_FILE, under the ignored .tools/engine). Each provider instance is its own
 * process and the engine runs them in parallel, so every change takes a lock directory first.
 */
import { mkdirSync, readFileSync, renameSync, rmdirSync, writeFileSync } from "node:fs";

export interface AccountResource {
  readonly type: string;
  readonly region: string;
  readonly name: string;
  readonly urn: string;
  readonly inputs: Record<string, unknown>;
  readonly outputs: Record<string, unknown>;
}

export interface Account {
  resources: Record<string, AccountResource>;
}

function accountFile(): string {
  const file = process.env.STAND_IN_ACCOUNT_FILE;
  if (!file) {
    throw new Error("STAND_IN_ACCOUNT_FILE is not set: source tools/engine-env.sh first");
  }
  return file;
}

function load(file: string): Account {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Account;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { resources: {} };
    throw error;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `change` on the account under the lock and saves what it left; its result is returned. */
export function withAccount<T>(change: (account: Account) => T): T {
  const file = accountFile();
  const lock = `${file}.lock`;
  for (let tries = 0; ; tries++) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || tries > 2000) throw error;
      sleep(5);
    }
  }
  try {
    const account = load(file);
    const result = change(account);
    writeFileSync(`${file}.tmp`, JSON.stringify(account, null, 1));
    renameSync(`${file}.tmp`, file);
    return result;
  } finally {
    rmdirSync(lock);
  }
}

export function readAccount(): Account {
  return load(accountFile());
}
