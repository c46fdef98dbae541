/**
 * Policy settings with their defaults applied in code.
 *
 * The Pulumi CLI fills `configSchema` defaults before it sends `Configure`, but the SDK does not: without a
 * config file (or for any other client of the analyzer protocol) `args.getConfig()` returns `{}` (docs/aws-facts.md#policy-config-defaults-come-from-the-cli).
 * So every policy reads its settings through `numberSetting`, which falls back to the default.
 */

/** A JSON schema entry for a whole-number setting, with its default and allowed range. */
export function integerSchema(description: string, defaultValue: number, minimum: number, maximum?: number) {
  return {
    type: "integer" as const,
    description,
    default: defaultValue,
    minimum,
    ...(maximum === undefined ? {} : { maximum }),
  };
}

/** The configured number, or the default when the setting is absent or not a finite number. */
export function numberSetting(
  config: Readonly<Record<string, unknown>>,
  key: string,
  defaultValue: number,
): number {
  const value = config[key];
  return typeof value === "number" && Number.isFinite(value) ? value : defaultValue;
}
