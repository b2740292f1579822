import type { ErrorEnvelope, FieldIssue } from "@/lib/http/app-error";

/** A failure's `status` is the HTTP status, or 0 when the server could not be reached. */
export type PostResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      status: number;
      message: string;
      issues: FieldIssue[];
      /** A 429's Retry-After: when the server takes the request again. */
      retryAfterSeconds?: number;
    };

/** What a failure says when the server could not be reached (the connection dropped). */
export const UNREACHABLE = "Could not reach the server. Check your connection and try again.";

/**
 * What a failure says when the answer is not our envelope (a proxy's error page, say): no
 * bare "500", and no word on whether anything happened, which nothing here can know.
 */
export const unreadableAnswer = (status: number) =>
  `Our server could not answer just now (error ${status}). Please try again.`;

/**
 * POSTs JSON to one of our routes. It never throws: a failure comes back with the error
 * envelope's message and field issues, or with a plain sentence when the server could not
 * be reached or answered something else. `expected` is a field every good answer has;
 * `headers` go with the request (the user the page was shown for, say).
 */
export async function postJson<T extends object>(
  path: string,
  body: unknown,
  expected: keyof T & string,
  { signal, headers }: { signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<PostResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
      signal,
    });
  } catch {
    return {
      ok: false,
      status: 0,
      message: UNREACHABLE,
      issues: [],
    };
  }
  const data = (await response.json().catch(() => null)) as object | null;
  if (response.ok && data && expected in data) return { ok: true, data: data as T };
  const error = (data as Partial<ErrorEnvelope> | null)?.error;
  return {
    ok: false,
    status: response.status,
    message: error?.message ?? unreadableAnswer(response.status),
    issues: error?.issues ?? [],
    ...retryAfter(response),
  };
}

// Our routes send Retry-After in seconds (never as a date): anything else is left out.
function retryAfter(response: Response): { retryAfterSeconds?: number } {
  const seconds = Number(response.headers.get("retry-after"));
  return seconds > 0 ? { retryAfterSeconds: seconds } : {};
}
