/**
 * botocore, the AWS SDK for Python's core, ships AWS's own service models (`data/<service>/<version>/
 * service-2.json.gz`): every request member's type, pattern, length, range and enum. It is installed from
 * PyPI at the pinned version into `.tools/botocore` (ignored by git), and read only by `generate.ts`; the
 * mocks read the table generated from it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

/** Bump on purpose: then `npm run aws-models` regenerates the table and the diff shows what AWS changed. */
export const BOTOCORE_VERSION = "1.44.8";

const ROOT = join(__dirname, "..", "..");
const TARGET = join(ROOT, ".tools", "botocore");

function installedVersion(): string | undefined {
  const init = join(TARGET, "botocore", "__init__.py");
  if (!existsSync(init)) return undefined;
  return /__version__ = '([^']+)'/.exec(readFileSync(init, "utf8"))?.[1];
}

/** The pinned botocore's `data` folder, installing it with pip (PyPI, no dependencies) when missing. */
export function botocoreDataDir(): string {
  if (installedVersion() !== BOTOCORE_VERSION) {
    execFileSync(
      "python3",
      [
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-deps",
        "--upgrade",
        "--target",
        TARGET,
        `botocore==${BOTOCORE_VERSION}`,
      ],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
  }
  return join(TARGET, "botocore", "data");
}

export interface BotocoreShape {
  readonly type: string;
  readonly pattern?: string;
  readonly min?: number;
  readonly max?: number;
  readonly enum?: readonly string[];
  readonly members?: Readonly<Record<string, { readonly shape: string }>>;
  readonly member?: { readonly shape: string };
  readonly key?: { readonly shape: string };
  readonly value?: { readonly shape: string };
}

export interface BotocoreModel {
  readonly metadata: { readonly apiVersion: string; readonly protocol: string };
  readonly operations: Readonly<Record<string, { readonly input?: { readonly shape: string } }>>;
  readonly shapes: Readonly<Record<string, BotocoreShape>>;
}

/** A service's newest model in that botocore (a service has one API version in practice). */
export function loadServiceModel(dataDir: string, service: string): BotocoreModel {
  const versions = readdirSync(join(dataDir, service)).sort();
  const newest = versions[versions.length - 1];
  const file = join(dataDir, service, newest, "service-2.json.gz");
  return JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as BotocoreModel;
}
