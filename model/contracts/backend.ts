/**
 * What the infrastructure and the app agree on. The program reads these to build health checks, target
 * groups and IAM policies; the app reads them to answer. Change one side only through this file.
 */

/** The port the app listens on inside the VPC; only the load balancer may reach it. */
export const APP_PORT = 8080;

/** Every API route lives under this prefix; the health route must not (API Gateway would hold both). */
export const API_PREFIX = "/v1";

/** Whether a path is the API's prefix or under it (trailing slashes ignored). */
export function isApiRoute(path: string): boolean {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed === API_PREFIX || trimmed.startsWith(`${API_PREFIX}/`);
}

/** The deep health route: 200 only when the app can read its local DynamoDB replica. */
export const HEALTH_PATH = "/health";

/**
 * The shallow liveness route: 200 whenever the process can answer, whatever the store does. The load
 * balancer's target group and, through ELB health, Auto Scaling ask only "is this process alive?": with
 * the deep route there, a DynamoDB brownout would make Auto Scaling replace every healthy instance while
 * the NLB, failing open, keeps sending them traffic. Route 53 alone asks the deep question.
 */
export const LIVENESS_PATH = "/livez";

/**
 * Present in the body of a healthy `/health` answer and in no other answer. Route 53's HTTPS_STR_MATCH
 * health check searches for it (it must stay within 255 characters and appear in the first 5,120 bytes).
 */
export const HEALTHY_MARKER = "multi-region-api:healthy";

/** Set on every answer so that a client, a drill or an operator can see which region served it. */
export const SERVED_BY_REGION_HEADER = "x-served-by-region";

/**
 * The verified caller's `sub`, for the app's logs: API Gateway sets it on every authorized route from the
 * authorizer's context, replacing any value the client sent. Without an authorizer it is the client's word.
 */
export const CALLER_SUB_HEADER = "x-caller-sub";

/** The users table's partition key (a string). */
export const USERS_TABLE_HASH_KEY = "id";

/**
 * Every DynamoDB action the app performs on its local replica: the instance role allows exactly these.
 * GetItem serves `GET /v1/users/{id}` and the `/health` probe (a real read of the replica, which
 * DescribeTable would not be), PutItem serves `POST /v1/users`, Scan serves `GET /v1/users`.
 */
export const USERS_TABLE_ACTIONS = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan"];

/**
 * systemd's stop timeout for the app's unit (TimeoutStopSec=, systemd.service(5); default 90 s from
 * DefaultTimeoutStopSec=): after it, systemd sends SIGKILL. Set explicitly, so the deadline below has a known
 * ceiling, and short, so an instance refresh is not held up by one slow client.
 */
export const APP_STOP_TIMEOUT_SECONDS = 30;

/** After SIGTERM, requests still open this long are cut off: well inside the stop timeout. */
export const APP_SHUTDOWN_DEADLINE_MS = 20_000;
