/**
 * A Route 53 health check (`aws:route53/healthCheck:HealthCheck`) as the policies need to see it.
 */
import {
  arrayProperty,
  booleanProperty,
  isPlainObject,
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
  };
}
