/**
 * The code the cloud runs, as files built before the program runs (tools/build-assets.mjs writes them into
 * components/assets/; `npm ci` and every npm script that runs the program build them): the users API the
 * instances run, and the JWT authorizer Lambda runs. The components only read them, so a preview or an
 * update never bundles, and the components package ships them as they are.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";

export const APP_ASSETS = { usersApi: "users-api.js", authorizer: "authorizer.js" } as const;
export type AppAsset = (typeof APP_ASSETS)[keyof typeof APP_ASSETS];

export const ASSETS_DIRECTORY = path.join(__dirname, "..", "assets");

export class MissingAssetError extends Error {
  constructor(readonly file: string) {
    super(
      `${path.join(ASSETS_DIRECTORY, file)} does not exist: the components read the code they deploy from ` +
        `files built beforehand; run npm run build:assets (npm ci runs it too)`,
    );
    this.name = "MissingAssetError";
  }
}

const cache = new Map<AppAsset, string>();

/** Read once per process: every region deploys the same code. */
export function readAppAsset(file: AppAsset): string {
  const cached = cache.get(file);
  if (cached !== undefined) return cached;
  let text: string;
  try {
    text = readFileSync(path.join(ASSETS_DIRECTORY, file), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new MissingAssetError(file);
    throw error;
  }
  cache.set(file, text);
  return text;
}
