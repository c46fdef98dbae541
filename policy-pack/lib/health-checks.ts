/**
 * A Route 53 health check (`aws:route53/healthCheck:HealthCheck`) as the policies need to see it.
 */
import { isAlwaysUnhealthyCalculated } from "@multi-region-api/model/route53/knowledge";
import {
  arrayProperty,
  booleanProperty,
  isPlainObject,
  isUnknown,
  numberProperty,
  objectProperty,
  PlainObject,
  Property,
  stringProperty,
  toPlain,
} from "./values";

export interface HealthCheckView {
  readonly type: Property<string>;
  readonly port: Property<number>;
  readonly fqdn: Property<string>;
  readonly resourcePath: Property<string>;
  readonly failureThreshold: Property<number>;
  readonly requestInterval: Property<number>;
  readonly enableSni: Property<boolean>;
  readonly searchString: Property<string>;
  readonly invertHealthcheck: Property<boolean>;
  readonly disabled: Property<boolean>;
  readonly regions: Property<readonly unknown[]>;
  readonly tags: Property<PlainObject>;
  readonly childHealthchecks: Property<readonly unknown[]>;
  readonly childHealthThreshold: Property<number>;
}

/**
 * A drain: a CALCULATED check whose threshold exceeds its children, which Route 53 always considers
 * unhealthy (API Reference, HealthThreshold). `undefined` while preview cannot tell.
 */
export function isAlwaysUnhealthy(check: HealthCheckView): boolean | undefined {
  const { type, childHealthchecks, childHealthThreshold } = check;
  if (isUnknown(type) || type !== "CALCULATED") {
    return isUnknown(type) ? undefined : false;
  }
  if (isUnknown(childHealthchecks) || isUnknown(childHealthThreshold)) {
    return undefined;
  }
  return isAlwaysUnhealthyCalculated(childHealthThreshold ?? 0, childHealthchecks?.length ?? 0);
}

export function readHealthCheck(props: unknown): HealthCheckView {
  const plain = toPlain(props);
  const check: PlainObject = isPlainObject(plain) ? plain : {};
  return {
    type: stringProperty(check, "type"),
    port: numberProperty(check, "port"),
    fqdn: stringProperty(check, "fqdn"),
    resourcePath: stringProperty(check, "resourcePath"),
    failureThreshold: numberProperty(check, "failureThreshold"),
    requestInterval: numberProperty(check, "requestInterval"),
    enableSni: booleanProperty(check, "enableSni"),
    searchString: stringProperty(check, "searchString"),
    invertHealthcheck: booleanProperty(check, "invertHealthcheck"),
    disabled: booleanProperty(check, "disabled"),
    regions: arrayProperty(check, "regions"),
    tags: objectProperty(check, "tags"),
    childHealthchecks: arrayProperty(check, "childHealthchecks"),
    childHealthThreshold: numberProperty(check, "childHealthThreshold"),
  };
}
