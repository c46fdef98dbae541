/**
 * Something the authorizer fetches from the issuer (the discovery document, the key set), kept once
 * fetched and fetched again at most once per cooldown, one fetch at a time. Within the cooldown a failed
 * fetch is answered with its failure without asking the issuer again: an issuer outage costs one request
 * per cooldown per Lambda environment, not one per call.
 */
export class CooledFetch<T> {
  private value: T | undefined;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  /** When the last fetch ended: a fetch that hung until its timeout is not retried right after it. */
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private failure: { readonly error: unknown } | undefined;
  private pending: Promise<T> | undefined;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The last value fetched, however old; undefined until a fetch succeeds. */
  get current(): T | undefined {
    return this.value;
  }

  /** Milliseconds since the last successful fetch. */
  get ageMs(): number {
    return this.now() - this.fetchedAt;
  }

  /**
   * A fresh value, unless a fetch ended within the cooldown: then that fetch's outcome (the value, or its
   * failure). A fetch in flight is joined.
   */
  refresh(): Promise<T> {
    if (this.pending) return this.pending;
    if (this.now() - this.attemptedAt < this.cooldownMs) {
      return this.failure ? Promise.reject(this.failure.error) : Promise.resolve(this.value as T);
    }
    const attempt = this.load().then(
      (value) => {
        this.attemptedAt = this.now();
        this.value = value;
        this.fetchedAt = this.now();
        this.failure = undefined;
        return value;
      },
      (error: unknown) => {
        this.attemptedAt = this.now();
        this.failure = { error };
        throw error;
      },
    );
    this.pending = attempt.finally(() => (this.pending = undefined));
    return this.pending;
  }
}
