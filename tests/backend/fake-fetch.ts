/** A scripted stand-in for fetch: records every request and answers from a function of it. */
import type { FetchLike, FetchLikeInit } from "../../backend/fetch-like";

export interface RecordedRequest {
  readonly url: string;
  readonly init: FetchLikeInit;
}

export interface FakeAnswer {
  readonly status?: number;
  readonly body: unknown;
}

export function fakeFetch(
  answer: (request: RecordedRequest) => FakeAnswer,
): FetchLike & { requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fetch = async (url: string, init: FetchLikeInit) => {
    const request = { url, init };
    requests.push(request);
    const { status = 200, body } = answer(request);
    return { status, text: async () => (typeof body === "string" ? body : JSON.stringify(body)) };
  };
  return Object.assign(fetch, { requests });
}
