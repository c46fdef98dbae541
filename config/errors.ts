/**
 * Every configuration problem, named by its full key (`multi-region-api:healthCheck.requestInterval`), so
 * that the person who reads the error knows which line of `Pulumi.<stack>.yaml` to change.
 */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid stack configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}
