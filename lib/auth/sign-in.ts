import "server-only";
import { assertWithinGlobalCeiling, giveBackToGlobalCeiling } from "@/lib/abuse/global-ceiling";
import { assertWithinRateLimit, refundRateLimit } from "@/lib/abuse/rate-limit";
import { rateLimitKey } from "@/lib/abuse/client-key";
import { getConfig } from "@/lib/config/env";
import { AppError, isAppError } from "@/lib/http/app-error";
import { configuredClientIp } from "@/lib/http/client-ip";
import { sendMail } from "@/lib/mail/send-mail";
import { endPhoneLinks } from "@/lib/ramp/handoff-sign-out";
import { CODE_LIFETIME_SECONDS, SESSION_MAX_DAYS, getAuth, sessionCookieName } from "./auth";
import { readSession } from "./current-user";
import { knownBrowserFor } from "./known-browser";
import { mailboxOf } from "./mailbox";
import { signInCodeMail } from "./sign-in-mail";

/**
 * Sign-in with an emailed code, on top of better-auth's email-OTP plugin, with limits it
 * does not have. Codes asked for: per IP, per inbox from one client (5 an hour), and for the
 * instance. Asking again while a code works mails that same code (auth.ts), so nobody can
 * replace the code in another person's mailbox; mail to one inbox (mailbox.ts), from all
 * clients together, is paced (3 every 3 minutes) rather than capped for an hour, so the owner is
 * never made to wait long for someone else's requests. Tries: per IP, 5 per code
 * (better-auth), and 10 per email in 15 minutes across codes, so guessing is bounded however
 * many codes are asked for. Those 10 are shared by every browser that never signed in as that
 * email; one that did (known-browser.ts) has 10 of its own, so a stranger who spends the
 * shared ones, as often as they like, keeps nobody out of the browser they usually use (the
 * instance's and each client's share of such tries: strangerTriesPerMinute, below). A
 * wrong, replayed or unknown-email code gets one answer, so nothing about accounts is learned.
 */
const HOUR = 60 * 60;
const LIMITS = {
  codesPerIp: { scope: "signin-code-ip", limit: 10 },
  codesPerEmailFromClient: { scope: "signin-code-email-client", limit: 5, windowSeconds: HOUR },
  mailsPerEmail: {
    scope: "signin-mail-email",
    limit: 3,
    windowSeconds: 3 * 60,
    // No minutes of its own: the form counts down the wait the answer's Retry-After gives.
    refusal:
      "We emailed a code to this inbox moments ago: use it, or ask for a new one once the wait is over (a code sent to another spelling of this address is not for this one)",
  },
  triesPerIp: { scope: "signin-try-ip", limit: 30 },
  triesPerEmail: {
    scope: "signin-try-email",
    limit: 10,
    windowSeconds: 15 * 60,
    refusal: (wait: number) =>
      `Too many tries for this address. Try again in ${inMinutes(wait)}, or in a browser you have signed in with before.`,
  },
  triesPerEmailInKnownBrowser: {
    scope: "signin-try-known-browser",
    limit: 10,
    windowSeconds: 15 * 60,
    refusal: (wait: number) => `Too many tries for this address. Try again in ${inMinutes(wait)}.`,
  },
};

/** The wait until the tries' window ends (counted from its first try), as the user reads it. */
const inMinutes = (seconds: number) =>
  seconds <= 60 ? "a minute" : `${Math.ceil(seconds / 60)} minutes`;

/**
 * Tries from browsers that never signed in as the address, at every address together, on this
 * instance: a tenth of the instance's ceiling (RATE_LIMIT_GLOBAL_PER_MINUTE, 60 a minute by
 * default; off with it). The limits per address and per client bound guesses at one account;
 * this bounds guesses spread over many (thousands of addresses, a new X-Forwarded-For each
 * time), which would otherwise reach thousands a minute and, at one in a million each, an
 * account every few hours. Wrong tries only: a right code gives its try back. Known browsers
 * are not counted, so a flood of guesses keeps no one from the browser they usually use.
 */
const strangerTriesPerMinute = () => Math.ceil(getConfig().rateLimitGlobalPerMinute / 10);
/**
 * The wait first, which every user can do: one signing in for the first time has no browser
 * they signed in with before. (The window is a minute: the wait is said in seconds.)
 */
export const strangerTriesRefusal = (wait: number) =>
  `Too many sign-in tries on this service just now. Try again in ${wait <= 1 ? "a second" : `${wait} seconds`}. If you have signed in here before, the browser you used then can sign in now.`;

/**
 * One client's share of those: a twelfth (5 a minute by default), so that keeping every new
 * browser from signing in takes a dozen clients at it, not the two that the 30 tries a
 * minute each client has would take. An IPv6 client counts as its home line's /56 here
 * (`strangerOf`): one line has 256 /64s, each else a client of its own.
 */
const strangerTriesPerClient = () => ({
  scope: "signin-try-stranger-ip",
  limit: Math.ceil(strangerTriesPerMinute() / 12),
  refusal: strangerTriesRefusal,
});

/** A wrong try, as far as anyone knows yet, from a browser new to the address: both counts. */
async function spendStrangerTry(client: string): Promise<void> {
  if (strangerTriesPerMinute() === 0) return;
  await assertWithinRateLimit(client, strangerTriesPerClient());
  await assertWithinGlobalCeiling(
    strangerTriesPerMinute(),
    "signin-try",
    strangerTriesRefusal,
  ).catch(async (error: unknown) => {
    await refundRateLimit(client, strangerTriesPerClient());
    throw error;
  });
}

/** A right code: the try was no guess, and costs neither count. */
async function giveBackStrangerTry(client: string): Promise<void> {
  if (strangerTriesPerMinute() === 0) return;
  await refundRateLimit(client, strangerTriesPerClient());
  await giveBackToGlobalCeiling(strangerTriesPerMinute(), "signin-try");
}

export async function sendSignInCode(request: Request, email: string): Promise<void> {
  const client = clientOf(request);
  await assertWithinRateLimit(client, LIMITS.codesPerIp);
  // Per inbox, not per address: "v+1@x.com", "v+2@x.com"… all land in one (mailbox.ts).
  const mailbox = mailboxOf(email);
  await assertWithinRateLimit(`${mailbox} ${client}`, LIMITS.codesPerEmailFromClient);
  await assertWithinRateLimit(mailbox, LIMITS.mailsPerEmail);
  // Last, so that only a mail about to be sent counts: however a client varies its address,
  // the mail this instance sends stays bounded, and requests the counts above refused (one
  // address asked for again and again) cannot use up everyone's allowance.
  await assertWithinGlobalCeiling(undefined, "signin-code").catch(unsent(mailbox, client, false));
  try {
    // The plugin makes the code, or keeps the one that still works (for another ten minutes);
    // it is read back and mailed here, where a failed send is a 503 email_unavailable.
    const auth = getAuth();
    await auth.api.sendVerificationOTP({ body: { email, type: "sign-in" } });
    const { otp } = await auth.api.getVerificationOTP({ query: { email, type: "sign-in" } });
    if (!otp) throw new Error("the sign-in code just made is not stored");
    await sendMail(signInCodeMail(email, otp, CODE_LIFETIME_SECONDS / 60));
  } catch (error) {
    await unsent(mailbox, client, true)(toAppError(error));
  }
}

/**
 * A code that was not mailed (the instance's ceiling, the mail server or the database down)
 * costs the address nothing: asked again once mail works, the user is neither told a code
 * went out moments ago nor held for the hour. The per-client count stays spent (it bounds a
 * flood, whatever its outcome). Rethrows the failure.
 */
function unsent(mailbox: string, client: string, ceilingSpent: boolean) {
  return async (error: unknown): Promise<never> => {
    await refundRateLimit(`${mailbox} ${client}`, LIMITS.codesPerEmailFromClient);
    await refundRateLimit(mailbox, LIMITS.mailsPerEmail);
    if (ceilingSpent)
      await giveBackToGlobalCeiling(getConfig().rateLimitGlobalPerMinute, "signin-code");
    throw error;
  };
}

/**
 * Checks the code; on success the answer carries better-auth's session cookie.
 * `knownBrowser` is this browser's known-browser cookie, if it sent one.
 */
export async function signInWithCode(
  request: Request,
  input: { email: string; code: string },
  knownBrowser?: string,
): Promise<Headers> {
  await assertWithinRateLimit(clientOf(request), LIMITS.triesPerIp);
  // A refusal leaves the code alone: it is the owner's, who may be about to type it.
  const browser = await knownBrowserFor(knownBrowser, input.email);
  if (browser)
    await assertWithinRateLimit(`${input.email} ${browser}`, LIMITS.triesPerEmailInKnownBrowser);
  else {
    await assertWithinRateLimit(input.email, LIMITS.triesPerEmail);
    // Refused for a flood, not for this address: the address's try is given back, so that its
    // owner is not held for 15 minutes once the flood is over.
    await spendStrangerTry(strangerOf(request)).catch(async (error: unknown) => {
      await refundRateLimit(input.email, LIMITS.triesPerEmail);
      throw error;
    });
  }
  try {
    const { headers } = await getAuth().api.signInEmailOTP({
      body: { email: input.email, otp: input.code },
      headers: request.headers,
      returnHeaders: true,
    });
    // Only wrong tries count toward the stranger limits: users rarely mistype.
    if (!browser) await giveBackStrangerTry(strangerOf(request));
    return keptForTheCap(headers);
  } catch (error) {
    const failure = toAppError(error);
    // A try the server could not check (the database down) costs the address nothing, as a
    // code not mailed does: the owner, code in hand, is not held for 15 minutes after it.
    if (!isCodeVerdict(failure)) {
      if (browser)
        await refundRateLimit(`${input.email} ${browser}`, LIMITS.triesPerEmailInKnownBrowser);
      else {
        await refundRateLimit(input.email, LIMITS.triesPerEmail);
        await giveBackStrangerTry(strangerOf(request));
      }
    }
    throw failure;
  }
}

/** Whether a sign-in failed on the code itself: wrong, expired or locked. */
const isCodeVerdict = (failure: unknown) =>
  Object.values(CODE_ERRORS).includes(failure as AppError);

/**
 * better-auth renews a session in the database on use (once a day, for 30 more days), but only
 * a sign-in sets its cookie, whose Max-Age is those first 30 days: the browser would drop it on
 * day 30 however active the user. So the cookie is kept for the 90-day cap, and the session row
 * decides whether it still signs in (30 days unused, or 90 since sign-in: current-user.ts).
 */
function keptForTheCap(headers: Headers): Headers {
  const kept = new Headers();
  const maxAge = SESSION_MAX_DAYS * 24 * 60 * 60;
  for (const cookie of headers.getSetCookie()) {
    const isSession = cookie.startsWith(`${sessionCookieName()}=`);
    kept.append(
      "set-cookie",
      isSession
        ? cookie.replace(/; *Expires=[^;]*/i, "").replace(/Max-Age=\d+/i, `Max-Age=${maxAge}`)
        : cookie,
    );
  }
  return kept;
}

/**
 * Ends the session in the database, and the user's phone links; returns the headers that
 * clear its cookie.
 */
export async function signOut(request: Request): Promise<Headers> {
  // better-auth's sign-out logs a delete that failed and clears the cookie anyway, which
  // would leave the session valid for its 30 days: the row is deleted here first, so that a
  // database that is down (or read-only after a failover) is a 503 the user can retry.
  // (Not through toAppError: a session that cannot be read is an outage, not a sign-in.) One
  // deleted meanwhile (two sign-outs at once, as a double click on the header's form) is over.
  const current = await readSession(request.headers);
  if (current) {
    const { internalAdapter } = await getAuth().$context;
    await internalAdapter.deleteSession(current.session.token);
    // A phone link photographed or forwarded from a shared computer must not outlive this.
    await endPhoneLinks(current.user.id);
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

function clientOf(request: Request, ipv6Prefix: 64 | 56 = 64): string {
  const { trustProxyHeaders } = getConfig();
  return rateLimitKey(
    request.headers,
    trustProxyHeaders,
    configuredClientIp(request.headers),
    ipv6Prefix,
  );
}

/** The client as the stranger tries count it: an IPv6 one by its home line's /56. */
const strangerOf = (request: Request) => clientOf(request, 56);

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
