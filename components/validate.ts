import { isCommercialRegion } from "../config/aws-regions";

/**
 * Argument checks for the components. A library user may build components without the stack config, so
 * the components check their own args and throw before any resource is registered, naming the property.
 */
export class ComponentArgsError extends Error {
  constructor(property: string, problem: string) {
    super(`${property}: ${problem}`);
    this.name = "ComponentArgsError";
  }
}

export function requireThat(condition: boolean, property: string, problem: string): void {
  if (!condition) {
    throw new ComponentArgsError(property, problem);
  }
}

export function requireRegion(property: string, value: string): void {
  requireThat(isCommercialRegion(value), property, `"${value}" is not an AWS region of the aws partition`);
}

export function requireDnsName(property: string, value: string): void {
  requireThat(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/.test(value),
    property,
    `"${value}" is not a lower-case DNS name such as api.example.com`,
  );
}

export function requireRange(property: string, value: number, min: number, max: number): void {
  requireThat(
    Number.isInteger(value) && value >= min && value <= max,
    property,
    `must be a whole number from ${min} to ${max}, got ${value}`,
  );
}

export function requireOneOf<T>(property: string, value: T, allowed: readonly T[]): void {
  requireThat(
    allowed.includes(value),
    property,
    `must be one of ${allowed.join(", ")}, got ${String(value)}`,
  );
}
