/**
 * The Lambda entry point (esbuild bundles this file as `index.js`, handler `index.handler`). Settings come
 * from the function's environment, which the RegionalApi component sets from the stack's `auth` config.
 */
import { createAuthorizer } from "./authorizer";
import { settingsFromEnvironment } from "@multi-region-api/model/contracts/authorizer-environment";

export const handler = createAuthorizer(settingsFromEnvironment(process.env));
