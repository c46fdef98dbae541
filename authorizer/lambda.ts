/**
 * The Lambda entry point (esbuild bundles this file as `index.js`, handler `index.handler`). Settings come
 * from the function's environment, which the RegionalApi component sets from the stack's `auth` config.
 */
import { createAuthorizer } from "./authorizer";

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`the authorizer's environment lacks ${name}`);
  }
  return value;
}

export const handler = createAuthorizer({
  issuer: required("JWT_ISSUER"),
  audience: required("JWT_AUDIENCE"),
});
