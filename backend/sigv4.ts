/**
 * AWS Signature Version 4 for header-signed requests, on node:crypto alone: the instances cannot install
 * the AWS SDK (no route to the npm registry), and the DynamoDB JSON API needs nothing more than this.
 * Follows "Create a signed AWS API request" in the IAM User Guide; checked against AWS's SigV4 test suite.
 */
import { createHash, createHmac } from "node:crypto";

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Present for temporary credentials (an instance role's always are); sent as x-amz-security-token. */
  readonly sessionToken?: string;
}

export interface RequestToSign {
  readonly method: string;
  readonly url: string;
  /** Headers to sign, any case. `host` is added from the URL; `x-amz-date` from the signing time. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface SigningScope {
  readonly region: string;
  readonly service: string;
  readonly credentials: AwsCredentials;
  readonly signingTime: Date;
}

export interface SignedRequestParts {
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
  /** Every header to send, lower-cased, including host, x-amz-date, the token and authorization. */
  readonly headers: Record<string, string>;
}

const ALGORITHM = "AWS4-HMAC-SHA256";

export function signRequest(request: RequestToSign, scope: SigningScope): SignedRequestParts {
  const url = new URL(request.url);
  const amzDate = toAmzDate(scope.signingTime);
  const date = amzDate.slice(0, 8);

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  headers.host = url.host;
  headers["x-amz-date"] = amzDate;
  if (scope.credentials.sessionToken !== undefined)
    headers["x-amz-security-token"] = scope.credentials.sessionToken;

  const signedHeaderNames = Object.keys(headers).sort();
  const canonicalHeaders = signedHeaderNames
    .map((name) => `${name}:${canonicalHeaderValue(headers[name]!)}\n`)
    .join("");
  const signedHeaders = signedHeaderNames.join(";");

  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(url.pathname),
    canonicalQuery(url.searchParams),
    canonicalHeaders,
    signedHeaders,
    sha256Hex(request.body),
  ].join("\n");

  const credentialScope = `${date}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, credentialScope, sha256Hex(canonicalRequest)].join("\n");
  const signingKey = deriveSigningKey(scope.credentials.secretAccessKey, date, scope.region, scope.service);
  const signature = createHmac("sha256", signingKey).update(stringToSign, "utf8").digest("hex");

  headers.authorization =
    `${ALGORITHM} Credential=${scope.credentials.accessKeyId}/${credentialScope}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { canonicalRequest, stringToSign, signature, headers };
}

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
export function deriveSigningKey(
  secretAccessKey: string,
  date: string,
  region: string,
  service: string,
): Buffer {
  const kDate = hmac(`AWS4${secretAccessKey}`, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, "aws4_request");
}

/** 20150830T123600Z: the basic ISO-8601 form SigV4 uses, always UTC, no milliseconds. */
export function toAmzDate(time: Date): string {
  return time
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

export function sha256Hex(data: string): string {
  return createHash("sha256").update(data, "utf8").digest("hex");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** Trims and collapses runs of spaces, as the canonical form requires. */
function canonicalHeaderValue(value: string): string {
  return value.trim().replace(/\s+/g, " ");
}

/**
 * Every service but S3 signs the path with each segment URI-encoded once more on top of what the URL
 * already carries. `URL.pathname` is already encoded once, so encoding it again gives exactly that.
 */
function canonicalPath(pathname: string): string {
  if (pathname === "") return "/";
  return pathname
    .split("/")
    .map((segment) => uriEncode(segment))
    .join("/");
}

/** Parameters sorted by name then value, each name and value URI-encoded. */
function canonicalQuery(parameters: URLSearchParams): string {
  return [...parameters.entries()]
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

/** RFC 3986 encoding: everything but A-Z a-z 0-9 - _ . ~ is percent-encoded, in upper-case hex. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
