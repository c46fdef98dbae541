/**
 * The EC2 user data that turns a bare Amazon Linux 2023 instance into a running app. The Pulumi program
 * calls `renderUserData` at deploy time, so it is synchronous and depends only on its arguments and the
 * app's built file.
 *
 * The instances reach only S3 and DynamoDB (gateway endpoints, no NAT): Node.js comes from the AL2023
 * dnf repositories (served from S3), and the app ships inside the user data as one self-contained file,
 * built before the program runs (components/assets/users-api.js), so the instance never needs npm.
 */
import { gzipSync } from "node:zlib";
import { APP_ASSETS, readAppAsset } from "./app-assets";
import { APP_PORT, APP_STOP_TIMEOUT_SECONDS } from "@multi-region-api/model/contracts/backend";

export interface UserDataOptions {
  /** The instance's region; the app reads and writes the users table's replica in it. */
  readonly region: string;
  /** The users global table's name (the same in every region). */
  readonly tableName: string;
  readonly port?: number;
}

/** EC2 refuses user data above 16 KB (docs/aws-facts.md#ec2-user-data-is-at-most-16-kb), measured before base64. */
export const USER_DATA_MAX_BYTES = 16_384;

/**
 * AL2023 packages each Node.js major as `nodejs{MAJOR}` with the binary at `/usr/bin/node-{MAJOR}`
 * (AL2023 User Guide, "Node.js in AL2023": versions 20, 22 and 24). 22 is the oldest still supported
 * upstream; the unit runs the namespaced binary so that `alternatives` cannot switch it underneath us.
 */
export const NODE_PACKAGE = "nodejs22";
export const NODE_BINARY = "/usr/bin/node-22";

export const SERVICE_NAME = "multi-region-api";
export const APP_DIRECTORY = "/opt/multi-region-api";
export const APP_FILE = `${APP_DIRECTORY}/server.js`;

export class UserDataTooLargeError extends Error {
  constructor(readonly sizeBytes: number) {
    super(
      `the EC2 user data is ${sizeBytes} bytes, over EC2's limit of ${USER_DATA_MAX_BYTES} bytes: ` +
        `shrink the app in backend/ or ship it another way (e.g. from S3)`,
    );
    this.name = "UserDataTooLargeError";
  }
}

export function renderUserData(options: UserDataOptions): string {
  return renderUserDataForBundle(options, bundleApp());
}

/** The user data for a given app bundle. `renderUserData` passes the real one; tests pass others. */
export function renderUserDataForBundle(options: UserDataOptions, appBundle: string): string {
  const { region, tableName } = options;
  const port = options.port ?? APP_PORT;
  // These values land in a shell script and a systemd unit unquoted: accept only what AWS itself allows,
  // which contains nothing a shell or systemd would interpret.
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
    throw new Error(`renderUserData: "${region}" is not an AWS region name`);
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(tableName)) {
    throw new Error(
      `renderUserData: "${tableName}" is not a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)`,
    );
  }
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`renderUserData: port ${port} is not 1-65535`);

  const script = userDataScript({ region, tableName, port, payload: compressForShell(appBundle) });
  const sizeBytes = Buffer.byteLength(script, "utf8");
  if (sizeBytes > USER_DATA_MAX_BYTES) throw new UserDataTooLargeError(sizeBytes);
  return script;
}

/** The app as one CommonJS file with no imports but node's own modules (built by tools/build-assets.mjs). */
export function bundleApp(): string {
  return readAppAsset(APP_ASSETS.usersApi);
}

/** gzip + base64, wrapped at 76 columns: a third of the raw size, and safe inside a quoted here-document. */
function compressForShell(text: string): string {
  const gzipped = gzipSync(Buffer.from(text, "utf8"), { level: 9 });
  // Byte 9 of a gzip header names the OS that wrote it (3 on Linux, 19 on macOS). Pin it to "unknown" so
  // that every machine renders the same user data: a different byte would roll every instance.
  gzipped[9] = 0xff;
  return gzipped.toString("base64").replace(/.{1,76}/g, "$&\n");
}

function userDataScript(values: {
  region: string;
  tableName: string;
  port: number;
  payload: string;
}): string {
  return `#!/bin/bash
# ${SERVICE_NAME}: install Node.js from the AL2023 repositories, unpack the app, run it under systemd.
set -euo pipefail

# The S3 gateway endpoint that serves the dnf repositories may still be settling at first boot: retry.
for attempt in 1 2 3 4 5 6; do
  dnf install -y ${NODE_PACKAGE} && break
  [ "$attempt" -eq 6 ] && exit 1
  sleep 10
done

install -d -m 0755 ${APP_DIRECTORY}
base64 -d > ${APP_FILE}.gz <<'APP_BUNDLE'
${values.payload}APP_BUNDLE
gunzip -f ${APP_FILE}.gz
chmod 0644 ${APP_FILE}

cat > /etc/systemd/system/${SERVICE_NAME}.service <<'UNIT'
[Unit]
Description=${SERVICE_NAME} users app
After=network-online.target
Wants=network-online.target
# Never give up restarting: a region that stops trying stays out of DNS until someone notices.
StartLimitIntervalSec=0

[Service]
Environment=PORT=${values.port}
Environment=AWS_REGION=${values.region}
Environment=TABLE_NAME=${values.tableName}
ExecStart=${NODE_BINARY} ${APP_FILE}
Restart=always
RestartSec=2
# SIGTERM, then SIGKILL after this; the app cuts off slow requests well before (APP_SHUTDOWN_DEADLINE_MS).
TimeoutStopSec=${APP_STOP_TIMEOUT_SECONDS}s
# Sandboxing, each directive as systemd.exec(5) describes it; systemd-analyze security rates the unit
# 1.4 ("OK"), checked by tests/backend/user-data.test.ts. A throwaway unprivileged user with no
# capabilities, and a read-only view of the system: the app writes nothing locally.
DynamicUser=yes
PrivateUsers=yes
NoNewPrivileges=yes
CapabilityBoundingSet=
AmbientCapabilities=
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
DevicePolicy=closed
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
ProtectProc=invisible
# Not ProcSubset=pid: Node sizes its heap and thread pool from /proc/meminfo and /proc/cpuinfo.
KeyringMode=private
RemoveIPC=yes
UMask=0077
LockPersonality=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
RestrictNamespaces=yes
# HTTP to the load balancer, DynamoDB and IMDS; AF_UNIX for the journal.
RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX
SystemCallArchitectures=native
# What a typical service needs, minus the privileged calls; a refused call fails with EPERM rather than
# killing the process, so an unexpected one costs that call, not the instance.
SystemCallFilter=@system-service
SystemCallFilter=~@privileged
SystemCallErrorNumber=EPERM
# No MemoryDenyWriteExecute=: V8's JIT compiler needs memory that is writable and executable.

[Install]
WantedBy=multi-user.target
UNIT

systemctl daemon-reload
systemctl enable --now ${SERVICE_NAME}.service
`;
}
