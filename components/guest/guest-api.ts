import { UNREACHABLE, unreadableAnswer } from "@/components/shared/post-json";
import { signInAndComeBackTo } from "@/components/shared/sign-in-and-back";
import type { ErrorEnvelope, FieldIssue } from "@/lib/http/app-error";

/**
 * Calls one of the guest-checkout routes. Never throws: a failure carries the error code
 * (the flow branches on it: verify again, limits, region), the message and field issues. A
 * session that ended is not a failure to show: the user is taken to sign in and back.
 */
export type ApiResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      status: number;
      code: string;
      message: string;
      issues: FieldIssue[];
      /** A 429's Retry-After: when to ask again. */
      retryAfterSeconds?: number;
    };

export async function guestApi<T>(
  path: string,
  body?: unknown,
  { signal, headers }: { signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch {
    return {
      ok: false,
      status: 0,
      code: "unreachable",
      message: UNREACHABLE,
      issues: [],
    };
  }
  const data = (await response.json().catch(() => null)) as unknown;
  if (response.ok && data !== null) return { ok: true, data: data as T };
  const error = (data as Partial<ErrorEnvelope> | null)?.error;
  if (response.status === 401 && error?.code === "sign_in_required") return signInAndComeBack();
  return {
    ok: false,
    status: response.status,
    code: error?.code ?? "unknown",
    message: error?.message ?? unreadableAnswer(response.status),
    issues: error?.issues ?? [],
    retryAfterSeconds: Number(response.headers.get("retry-after")) || undefined,
  };
}

/**
 * The session ended (it expired, or was ended elsewhere): to sign in, and back to this page,
 * where the purchase as typed is kept (guest-draft.ts) and the verifications done are the
 * server's. Never settles: the caller stays pending while the browser leaves, rather than
 * saying "Sign in to continue" with no way to.
 */
function signInAndComeBack(): Promise<never> {
  signInAndComeBackTo(`${location.pathname}${location.search}`);
  return new Promise<never>(() => {});
}

/** Codes after which the user must verify their phone (and email) again, in place. */
export const VERIFY_AGAIN_CODES = new Set([
  "phone_verification_expired",
  "email_verification_expired",
  "verification_expired",
  "verification_invalid",
  "verification_required",
  "verification_mismatch",
  "verification_not_found",
]);
