import "server-only";
import { UUID_V4 } from "@/lib/cdp/idempotency-key";
import { processSingleton } from "@/lib/process/singleton";
import { platformError } from "./platform-error";

/**
 * The v2 API's `X-Idempotency-Key` (the OpenAPI's `IdempotencyKey` parameter; a UUID v4, as
 * CDP's idempotency page requires, though the OpenAPI says only 1 to 128 characters): a request
 * repeated with a key already used gets the first answer again, and nothing is done twice;
 * the same key with another method, path or body is refused (422 `idempotency_error`). A
 * repeat sent while the first is still being answered waits for that answer. Without the
 * header, every request is new. The sandbox keeps the newest keys of this process, and no
 * server error (nothing to replay: it may be tried again).
 */
const MAX_KEPT = 10_000;

interface Kept {
  request: string;
  answer: Promise<{ status: number; body: string } | null>;
}

const kept = () => processSingleton("sandbox.idempotency-keys", () => new Map<string, Kept>());

/** Answers `request` with `handle`, or with the answer its key already had. */
export async function answerOnce(
  request: Request,
  handle: () => Promise<Response>,
): Promise<Response> {
  const key = request.headers.get("x-idempotency-key");
  if (key === null) return handle();
  if (!UUID_V4.test(key))
    return platformError(400, "invalid_request", "X-Idempotency-Key must be a UUID v4.");
  const fingerprint = `${request.method} ${new URL(request.url).pathname} ${await request.clone().text()}`;
  const earlier = kept().get(key);
  if (earlier) {
    if (earlier.request !== fingerprint) return conflict(key);
    const answer = await earlier.answer;
    if (answer) return new Response(answer.body, { status: answer.status, headers: JSON_TYPE });
    // The first one failed on the server's side: this one is tried afresh.
  }
  const response = handle();
  const answer = response.then(
    async (r) => (r.status >= 500 ? null : { status: r.status, body: await r.clone().text() }),
    () => null,
  );
  kept().set(key, { request: fingerprint, answer });
  if (kept().size > MAX_KEPT) kept().delete(kept().keys().next().value!);
  void answer.then((a) => {
    if (!a && kept().get(key)?.answer === answer) kept().delete(key);
  });
  return response;
}

const JSON_TYPE = { "content-type": "application/json" };

const conflict = (key: string) =>
  platformError(
    422,
    "idempotency_error",
    `Idempotency key '${key}' was already used with a different request payload. Please try again with a new idempotency key.`,
  );
