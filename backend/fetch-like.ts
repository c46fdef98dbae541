/**
 * The slice of `fetch` the AWS clients use. Node's global fetch satisfies it; tests pass a fake that
 * records requests and answers from a script, so no test needs AWS or the network.
 */

export interface FetchLikeInit {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

export interface FetchLikeResponse {
  readonly status: number;
  text(): Promise<string>;
}

export type FetchLike = (url: string, init: FetchLikeInit) => Promise<FetchLikeResponse>;
