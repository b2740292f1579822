import "server-only";
import { assertWithinGlobalCeiling } from "@/lib/abuse/global-ceiling";
import { assertWithinRateLimit } from "@/lib/abuse/rate-limit";
import { rateLimitKey } from "@/lib/abuse/client-key";
import { getConfig } from "@/lib/config/env";
import { AppError, isAppError } from "@/lib/http/app-error";
import { configuredClientIp } from "@/lib/http/client-ip";
import { sendMail } from "@/lib/mail/send-mail";
import { CODE_LIFETIME_SECONDS, getAuth } from "./auth";
import { signInCodeMail } from "./sign-in-mail";

/**
 * Sign-in with an emailed code, on top of better-auth's email-OTP plugin, with limits it
 * does not have: codes asked for per IP, per email from one client, and per email from all
 * clients together, and tries per IP. Someone asking for codes to another person's address
 * uses up their own quota for it, not that person's (who still has the whole of theirs,
 * unless many clients join in: the ceiling per email bounds the mail anyone can be sent).
 * The instance's ceiling for sign-in codes bounds what all clients together may ask for.
 * A wrong, replayed or unknown-email code gets one answer, so nothing about accounts is
 * learned.
 */
const HOUR = 60 * 60;
const LIMITS = {
  codesPerIp: { scope: "signin-code-ip", limit: 10 },
  codesPerEmailFromClient: { scope: "signin-code-email-client", limit: 5, windowSeconds: HOUR },
  codesPerEmail: { scope: "signin-code-email", limit: 20, windowSeconds: HOUR },
  triesPerIp: { scope: "signin-try-ip", limit: 30 },
};

export async function sendSignInCode(request: Request, email: string): Promise<void> {
  const client = clientOf(request);
  await assertWithinRateLimit(client, LIMITS.codesPerIp);
  // Before the hour-long counts per email: however a client varies its address, the mail
  // this instance sends, and the keys those counts keep for an hour, stay bounded.
  await assertWithinGlobalCeiling(undefined, "signin-code");
  await assertWithinRateLimit(`${email} ${client}`, LIMITS.codesPerEmailFromClient);
  await assertWithinRateLimit(email, LIMITS.codesPerEmail);
  try {
    // The code is made by better-auth and mailed here, not by its sendVerificationOTP: that
    // one logs a failed send and answers success, and the user would wait for a mail that
    // never comes. Ours throws 503 email_unavailable.
    const code = await getAuth().api.createVerificationOTP({ body: { email, type: "sign-in" } });
    await sendMail(signInCodeMail(email, code, CODE_LIFETIME_SECONDS / 60));
  } catch (error) {
    throw toAppError(error);
  }
}

/** Checks the code; on success the answer carries better-auth's session cookie. */
export async function signInWithCode(
  request: Request,
  input: { email: string; code: string },
): Promise<Headers> {
  await assertWithinRateLimit(clientOf(request), LIMITS.triesPerIp);
  try {
    const { headers } = await getAuth().api.signInEmailOTP({
      body: { email: input.email, otp: input.code },
      headers: request.headers,
      returnHeaders: true,
    });
    return headers;
  } catch (error) {
    throw toAppError(error);
  }
}

/** Ends the session in the database and returns the headers that clear its cookie. */
export async function signOut(request: Request): Promise<Headers> {
  // better-auth's sign-out logs a delete that failed and clears the cookie anyway, which
  // would leave the session valid for its 30 days: the row is deleted here first, so that a
  // database that is down (or read-only after a failover) is a 503 the user can retry.
  // (Not through toAppError: a session that cannot be read is an outage, not a sign-in.)
  const current = await getAuth().api.getSession({ headers: request.headers });
  if (current) {
    const { internalAdapter } = await getAuth().$context;
    await internalAdapter.deleteSession(current.session.token);
  }
  try {
    const { headers } = await getAuth().api.signOut({
      headers: request.headers,
      returnHeaders: true,
    });
    return headers;
  } catch (error) {
    throw toAppError(error);
  }
}

function clientOf(request: Request): string {
  const { trustProxyHeaders } = getConfig();
  return rateLimitKey(request.headers, trustProxyHeaders, configuredClientIp(request.headers));
}

const CODE_ERRORS: Record<string, AppError> = {
  INVALID_OTP: new AppError(
    "invalid_code",
    "That code is not right, or it was already used. Check the latest email or ask for a new code.",
  ),
  OTP_EXPIRED: new AppError("code_expired", "That code has expired: ask for a new one"),
  TOO_MANY_ATTEMPTS: new AppError(
    "code_locked",
    "Too many wrong tries: that code no longer works. Ask for a new one.",
  ),
};

// better-auth throws its APIError, with the code in `body.code`; ours pass through.
function toAppError(error: unknown): unknown {
  if (isAppError(error)) return error;
  const code = (error as { body?: { code?: unknown } } | null)?.body?.code;
  if (typeof code === "string" && CODE_ERRORS[code]) return CODE_ERRORS[code];
  if (code === "FAILED_TO_GET_SESSION")
    return new AppError("sign_in_required", "Sign in to continue");
  return error;
}
