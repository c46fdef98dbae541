/** What every command line here (`npm run preview`, `drill`, `deploy`) shares: its usage error and checks. */

/** A mistake on the command line: exit status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Runs `read`; any error it throws becomes a UsageError whose message ends with the usage line. */
export function withUsageLine<T>(usage: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
}

/** `--stack` takes what the Pulumi CLI takes as a stack name. */
export function requireStackName(stack: string): void {
  if (!/^[\w.-]+$/.test(stack)) {
    throw new UsageError(`--stack: "${stack}" is not a stack name (letters, digits, -, _, .)`);
  }
}
