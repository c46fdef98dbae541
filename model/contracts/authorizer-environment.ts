/**
 * The authorizer's settings as the Lambda function's environment variables: written by the RegionalApi
 * component (components/regional/jwt-authorizer.ts), read by the handler (authorizer/lambda.ts). One
 * mapping for both, so a variable cannot be set under one name and read under another.
 */
import { TOKEN_TYPES, type AccessScopes, type TokenType } from "./authorizer-access";

/**
 * How long one request to the issuer (discovery or JWKS) may take, body included. A cold start makes both,
 * one after the other, inside the Lambda's timeout: components/regional/jwt-authorizer.ts holds the budget.
 */
export const FETCH_TIMEOUT_MS = 3000;

export interface DeployedSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly tokenType: TokenType;
  readonly scopes: AccessScopes;
}

export function authorizerEnvironment(settings: DeployedSettings): Record<string, string> {
  return {
    JWT_ISSUER: settings.issuer,
    JWT_AUDIENCE: settings.audience,
    JWT_TOKEN_TYPE: settings.tokenType,
    JWT_READ_SCOPE: settings.scopes.read,
    JWT_WRITE_SCOPE: settings.scopes.write,
  };
}

export function settingsFromEnvironment(env: NodeJS.ProcessEnv): DeployedSettings {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) {
      throw new Error(`the authorizer's environment lacks ${name}`);
    }
    return value;
  };
  const tokenType = required("JWT_TOKEN_TYPE");
  if (!(TOKEN_TYPES as readonly string[]).includes(tokenType)) {
    throw new Error(`the authorizer's JWT_TOKEN_TYPE is ${tokenType}, not one of ${TOKEN_TYPES.join(", ")}`);
  }
  return {
    issuer: required("JWT_ISSUER"),
    audience: required("JWT_AUDIENCE"),
    tokenType: tokenType as TokenType,
    scopes: { read: required("JWT_READ_SCOPE"), write: required("JWT_WRITE_SCOPE") },
  };
}
