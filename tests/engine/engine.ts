/**
 * Runs the real Pulumi CLI (tools/engine) on this program with the stand-in providers. Each project is a
 * folder under .tools/engine/projects with a copy of the repository's program (and links to its packages),
 * so the engine writes its stack files (Pulumi.<stack>.yaml with the passphrase salt) there, never into the
 * repository, and a test may change the program there. Needs
 * `source tools/engine-env.sh` first (npm run test:engine checks).
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";

export const ROOT = path.resolve(__dirname, "../..");
export const POLICY_PACK = path.join(ROOT, "policy-pack");
const LINKED = ["Pulumi.yaml", "package.json", "node_modules", "policy-pack"];
/**
 * The program is copied, not linked: Node resolves a linked module by its real path, so a linked index.ts
 * would load the repository's backend/ even where a test gives the project another one.
 */
const PROGRAM_DIRS = ["components", "config", "backend", "authorizer"];
const programFiles = () => readdirSync(ROOT).filter((file) => file.endsWith(".ts"));

/** The commands that run the program, which reads the code it deploys from the copy's built assets. */
const RUNS_THE_PROGRAM = new Set(["up", "preview", "refresh", "destroy"]);

/**
 * Builds the users API and the authorizer of a project copy into its components/assets/, as `npm run
 * deploy` does before its updates: a test that changes the copy's backend/ ships that change. Cheap when
 * nothing changed (tools/build-assets.mjs compares its inputs' hashes).
 */
function buildProjectAssets(dir: string): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, "tools", "build-assets.mjs"), "--root", dir], {
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`build-assets --root ${dir} failed:\n${result.stderr}`);
}

export interface EngineRun {
  readonly code: number | null;
  readonly output: string;
  readonly seconds: number;
}

/** The JSON document in a CLI run's output (`--json`, `stack export`), whatever the CLI printed around it. */
export function jsonOutput<T>(output: string): T {
  return JSON.parse(output.slice(output.indexOf("{"), output.lastIndexOf("}") + 1)) as T;
}

/** A step as any two previews can state it: what, which resource, under which parent, on which provider. */
export const describeStep = (op: string, urn: string, parent?: string, provider?: string) =>
  `${op} ${urn} parent=${parent ?? "-"} provider=${provider ?? "-"}`;

/** The steps of a `pulumi preview --json` run, described and sorted; a provider reference is `<urn>::<id>`. */
export function plannedSteps(output: string): string[] {
  const json = jsonOutput<{
    steps?: { op: string; urn: string; newState?: { parent?: string; provider?: string } }[];
  }>(output);
  // The ID part of a provider reference is unknown in a preview.
  const providerUrn = (ref?: string) => ref?.slice(0, ref.lastIndexOf("::"));
  return (json.steps ?? [])
    .map((s) => describeStep(s.op, s.urn, s.newState?.parent || undefined, providerUrn(s.newState?.provider)))
    .sort();
}

/**
 * The copy of a program folder's Pulumi.yaml with each relative `packages:` path (a local plugin such as
 * `../../components/plugin`) made absolute from the folder it came from, so the copy finds the same plugin.
 */
function withAbsolutePackages(programDir: string, projectFile: string): string {
  const text = readFileSync(projectFile, "utf8");
  const packages = (parse(text) as { packages?: Record<string, unknown> }).packages ?? {};
  let pointed = text;
  for (const [name, where] of Object.entries(packages)) {
    if (typeof where !== "string" || !where.startsWith(".")) continue;
    const entry = `${name}: ${where}`;
    if (!pointed.includes(entry)) throw new Error(`${projectFile}: write packages.${name} as "${entry}"`);
    pointed = pointed.replace(entry, `${name}: ${path.resolve(programDir, where)}`);
  }
  return pointed;
}

export interface ExportedResource {
  readonly urn: string;
  readonly id?: string;
  readonly type: string;
  readonly aliases?: string[];
}

export function requireEngineEnv(): void {
  if (!process.env.STAND_IN_ACCOUNT_FILE || !process.env.PULUMI_BACKEND_URL?.startsWith("file://")) {
    throw new Error("run `source tools/engine-env.sh` first: the engine tests need its environment");
  }
}

/** The prod stack's config, to vary per case. */
export function prodConfig(): Record<string, unknown> {
  const file = parse(readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8")) as {
    config: Record<string, unknown>;
  };
  return file.config;
}

export class EngineProject {
  readonly dir: string;
  /** The fake account the stand-in providers keep for this project (STAND_IN_ACCOUNT_FILE). */
  readonly account: string;

  /** Whether the project is this repository's TypeScript program, whose assets each run builds. */
  private readonly tsProgram: boolean;
  /** What the project's runs add to the environment. */
  private readonly env: NodeJS.ProcessEnv;

  /**
   * A fresh project folder and fake account named `name` (anything left from an earlier run is removed):
   * a copy of this repository's program, or of the folder `program` (a Pulumi project of any language, its
   * local `packages:` pointed at from the copy); `env` is added to the environment of every `pulumi` it runs.
   */
  constructor(
    readonly name: string,
    options: { program?: string; env?: NodeJS.ProcessEnv } = {},
  ) {
    requireEngineEnv();
    this.dir = path.join(ROOT, ".tools", "engine", "projects", name);
    this.account = path.join(this.dir, "account.json");
    this.tsProgram = options.program === undefined;
    this.env = options.env ?? {};
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    if (options.program !== undefined) {
      cpSync(options.program, this.dir, { recursive: true });
      const projectFile = path.join(this.dir, "Pulumi.yaml");
      writeFileSync(projectFile, withAbsolutePackages(options.program, projectFile));
      return;
    }
    for (const entry of LINKED) {
      symlinkSync(path.join(ROOT, entry), path.join(this.dir, entry));
    }
    for (const entry of [...programFiles(), ...PROGRAM_DIRS]) {
      cpSync(path.join(ROOT, entry), path.join(this.dir, entry), { recursive: true });
    }
    writeFileSync(
      path.join(this.dir, "tsconfig.json"),
      JSON.stringify({
        extends: path.join(ROOT, "tsconfig.json"),
        // TypeScript 6 wants the common root of the sources named: the linked policy pack is the repository's.
        compilerOptions: { rootDir: ROOT },
        include: ["*.ts", ...PROGRAM_DIRS.map((d) => `${d}/**/*.ts`)],
      }),
    );
  }

  /** Runs `pulumi ARGS` in the project, with this project's fake account. */
  pulumi(args: string[]): EngineRun {
    if (this.tsProgram && RUNS_THE_PROGRAM.has(args[0] ?? "")) buildProjectAssets(this.dir);
    const started = Date.now();
    const result = spawnSync("pulumi", [...args, "--non-interactive", "--color", "never"], {
      cwd: this.dir,
      env: { ...process.env, ...this.env, STAND_IN_ACCOUNT_FILE: this.account },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    const seconds = (Date.now() - started) / 1000;
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}`;
    return { code: result.status, output, seconds };
  }

  /** Writes the stack's config and creates the stack (on the file backend) if it does not exist yet. */
  stack(stack: string, config: Record<string, unknown>): void {
    const file = path.join(this.dir, `Pulumi.${stack}.yaml`);
    const salt = existsSync(file)
      ? (parse(readFileSync(file, "utf8")) as { encryptionsalt?: string }).encryptionsalt
      : undefined;
    if (!salt) {
      // A stack of this name may be left in the shared file backend by an earlier run; removing it removes
      // its config file too, so the file is written after.
      this.pulumi(["stack", "rm", stack, "--yes", "--force"]);
    }
    writeFileSync(file, stringify({ config, ...(salt ? { encryptionsalt: salt } : {}) }));
    if (!salt) {
      const init = this.pulumi(["stack", "init", stack]);
      if (init.code !== 0) throw new Error(`pulumi stack init ${stack} failed:\n${init.output}`);
    }
  }

  /**
   * A sibling folder with the same program, links and stack files (so the same stacks and secrets salt) in
   * which `change` may edit the program: another version of it for the same stacks and account.
   */
  variant(name: string, change: (dir: string) => void): string {
    const dir = path.join(path.dirname(this.dir), `${this.name}-${name}`);
    rmSync(dir, { recursive: true, force: true });
    cpSync(this.dir, dir, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => !src.endsWith("account.json"),
    });
    change(dir);
    buildProjectAssets(dir);
    return dir;
  }

  /** The stack's resources as `pulumi stack export` shows them. */
  exportResources(stack: string): ExportedResource[] {
    const run = this.pulumi(["stack", "export", "--stack", stack]);
    if (run.code !== 0) throw new Error(`pulumi stack export failed:\n${run.output}`);
    return (
      jsonOutput<{ deployment: { resources?: ExportedResource[] } }>(run.output).deployment.resources ?? []
    );
  }

  /** The fake account's resources, by ID. */
  accountResources(): Record<string, { type: string; inputs: Record<string, unknown> }> {
    if (!existsSync(this.account)) return {};
    return (JSON.parse(readFileSync(this.account, "utf8")) as { resources: Record<string, never> }).resources;
  }
}

/** `ok` for a run that exited 0, else an error with the CLI's output, so a failing test shows why. */
export function expectSuccess(run: EngineRun, what: string): void {
  if (run.code !== 0) {
    throw new Error(`${what} exited ${run.code}:\n${run.output.slice(-6000)}`);
  }
}
