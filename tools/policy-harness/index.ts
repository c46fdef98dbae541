/**
 * The analyzer harness: runs a CrossGuard policy pack as the Pulumi CLI does (a child process, its analyzer
 * gRPC server, the same protobuf messages) and offers a typed API over it, for tests and the offline
 * preview. Nothing here knows about particular policies.
 *
 *   const pack = await startPolicyPack();
 *   const diagnostics = await pack.analyze({ type, name, urn, properties: { ttl: 300, zoneId: UNKNOWN } });
 *   await pack.close();
 */
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import { startPackProcess } from "./pack-process";
import {
  analyzeRequest,
  analyzerGrpc,
  analyzerInfoFrom,
  analyzeStackRequest,
  configureRequest,
  configureStackRequest,
  diagnosticsFrom,
  Empty,
  grpc,
} from "./protocol";
import type {
  AnalyzedResource,
  AnalyzerInfo,
  Diagnostic,
  EnforcementLevel,
  PolicyConfig,
  StackConfiguration,
} from "./types";

export * from "./types";
export { readPolicyConfigFile, resolvePolicyConfig } from "./config";

/** The repository's own pack. */
export const DEFAULT_PACK_DIR = path.resolve(__dirname, "../../policy-pack");

export interface StartPolicyPackOptions {
  /** Directory holding the pack's index.ts and package.json; defaults to the repository's policy-pack/. */
  readonly packDir?: string;
  /** Sent with `Configure` right after start (see `PolicyPackClient.configure`). */
  readonly config?: PolicyConfig;
  /** How long the pack may take to print its port; default 60 s. */
  readonly startupTimeoutMs?: number;
  /** Deadline for each RPC; default 30 s. */
  readonly callTimeoutMs?: number;
}

export interface PolicyPackClient {
  /** The pack's name, version and policies (`GetAnalyzerInfo`), fetched once at start. */
  info(): AnalyzerInfo;
  /**
   * Sends `Configure`. Entries without an enforcement level keep the policy's own level. Unlike the CLI,
   * this sends exactly the given properties, so a policy's in-code defaults are what apply to the rest; use
   * `resolvePolicyConfig` for the CLI's behaviour (schema defaults filled in, every policy listed).
   */
  configure(config: PolicyConfig): Promise<void>;
  /** Sends `ConfigureStack` (stack name, project, tags), as the CLI does before analysing. */
  configureStack(stack: StackConfiguration): Promise<void>;
  /** `Analyze`: resource policies on one resource's inputs. */
  analyze(resource: AnalyzedResource): Promise<Diagnostic[]>;
  /** `AnalyzeStack`: stack policies over every resource of the stack. */
  analyzeStack(resources: readonly AnalyzedResource[]): Promise<Diagnostic[]>;
  /** Everything the pack wrote to stderr so far. */
  stderr(): string;
  /** The pack process's ID. */
  readonly pid: number;
  /** Closes the connection and ends the pack's process; safe to call more than once. */
  close(): Promise<void>;
}

type AnalyzerClient = InstanceType<typeof analyzerGrpc.AnalyzerClient>;

/** Wraps a callback-style unary call; a failure carries the pack's stderr, where its stack traces go. */
function unary<Request, Response>(
  call: (
    request: Request,
    metadata: grpcTypes.Metadata,
    options: Partial<grpcTypes.CallOptions>,
    callback: (error: grpcTypes.ServiceError | null, response: Response) => void,
  ) => unknown,
  request: Request,
  timeoutMs: number,
  stderr: () => string,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    call(request, new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, (error, response) => {
      if (error) {
        const packErrors = stderr().trim();
        reject(new Error(`${error.message}${packErrors ? `\n--- pack stderr ---\n${packErrors}` : ""}`));
      } else {
        resolve(response);
      }
    });
  });
}

/** Starts the pack, connects to it and fetches its info; configures it when `config` is given. */
export async function startPolicyPack(options: StartPolicyPackOptions = {}): Promise<PolicyPackClient> {
  const packDir = path.resolve(options.packDir ?? DEFAULT_PACK_DIR);
  const callTimeoutMs = options.callTimeoutMs ?? 30_000;
  const pack = await startPackProcess(packDir, options.startupTimeoutMs ?? 60_000);
  const client: AnalyzerClient = new analyzerGrpc.AnalyzerClient(
    `127.0.0.1:${pack.port}`,
    grpc.credentials.createInsecure(),
    { "grpc.max_receive_message_length": 400 * 1024 * 1024 },
  );
  const call = <Request, Response>(
    method: Parameters<typeof unary<Request, Response>>[0],
    request: Request,
  ): Promise<Response> => unary(method.bind(client), request, callTimeoutMs, pack.stderr);

  let closed = false;
  const close = async () => {
    if (!closed) {
      closed = true;
      client.close();
    }
    await pack.stop();
  };

  let info: AnalyzerInfo;
  try {
    info = analyzerInfoFrom(await call(client.getAnalyzerInfo, new Empty()));
  } catch (error) {
    await close();
    throw error;
  }
  const levels = new Map<string, EnforcementLevel>(
    info.policies.map((policy) => [policy.name, policy.enforcementLevel]),
  );

  const packClient: PolicyPackClient = {
    info: () => info,
    configure: async (config) => {
      await call(client.configure, configureRequest(config, levels));
    },
    configureStack: async (stack) => {
      await call(client.configureStack, configureStackRequest(stack));
    },
    analyze: async (resource) =>
      diagnosticsFrom(await call(client.analyze, analyzeRequest(resource)), resource.urn),
    analyzeStack: async (resources) =>
      diagnosticsFrom(await call(client.analyzeStack, analyzeStackRequest(resources)), ""),
    stderr: pack.stderr,
    pid: pack.pid,
    close,
  };
  if (options.config) {
    try {
      await packClient.configure(options.config);
    } catch (error) {
      await close();
      throw error;
    }
  }
  return packClient;
}
