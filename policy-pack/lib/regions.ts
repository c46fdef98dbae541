/**
 * The AWS region a resource is created in: its own `region` argument (@pulumi/aws 7 lets a resource
 * override its provider's region) or else its provider's `region`.
 */
import { PolicyProviderResource } from "@pulumi/policy";
import { isPlainObject, Property, stringProperty, toPlain } from "./values";

export function regionOf(props: unknown, provider: PolicyProviderResource | undefined): Property<string> {
  const plain = toPlain(props);
  const own = isPlainObject(plain) ? stringProperty(plain, "region") : undefined;
  if (own !== undefined) {
    return own;
  }
  const providerProps = provider ? toPlain(provider.props) : undefined;
  return isPlainObject(providerProps) ? stringProperty(providerProps, "region") : undefined;
}

/** The region field of an ARN (`arn:aws:acm:eu-west-1:123456789012:certificate/…`), if it has one. */
export function regionOfArn(arn: string): string | undefined {
  const parts = arn.split(":");
  return parts.length >= 6 && parts[0] === "arn" && parts[3] !== "" ? parts[3] : undefined;
}
