import "server-only";
import {
  assertWithinRateLimit,
  rateLimitWait,
  refundRateLimit,
  type Allowance,
} from "@/lib/abuse/rate-limit";
import { AppError, isAppError } from "@/lib/http/app-error";

/**
 * What Coinbase's one-time codes may cost us and how long they may be guessed at. Each SMS
 * is paid for: sends are capped per signed-in user (however many numbers they try) and per
 * destination (a phone number, or the user's email), on top of every minting route's limit
 * per client. The form counts down the same wait (`nextCodeInSeconds`).
 */
const HOUR = 60 * 60;
const LIMITS = {
  // Long enough for a text to arrive before another is paid for.
  perDestination: {
    scope: "guest-code-to",
    limit: 1,
    windowSeconds: 60,
    refusal: "We just sent a code there: wait a minute before asking for another",
  },
  // Not an hour: someone else asking for codes to your number makes you wait 15 minutes at most.
  perDestinationLonger: {
    scope: "guest-code-to-15m",
    limit: 5,
    windowSeconds: 15 * 60,
    refusal: "5 codes were sent there in the last 15 minutes: wait a while before asking again",
  },
  perUser: {
    scope: "guest-code-user",
    limit: 10,
    windowSeconds: HOUR,
    refusal: "You asked for 10 codes in the last hour: wait a while before asking again",
  },
  // Coinbase allows 5 tries per code, and answers a sixth as a wrong code.
  triesPerCode: { scope: "guest-code-tries", limit: 5, windowSeconds: 10 * 60 },
};

/**
 * Who sends a code, and where to. `theirs`: the destination is known to be the user's own,
 * their sign-in email or a number they verified before (a returning guest whose verification
 * has aged, say): a code sent there reached them once already.
 */
export type CodeSend = { userId: string; destination: string; theirs: boolean };

/**
 * The caps one send spends, in the order they are checked. A destination's caps are shared by
 * everyone who asks for codes to it, except its owner, who has caps of their own there: else a
 * stranger asking for codes to someone's number (one send a minute is enough) would keep its
 * owner waiting. The number still gets no more than its caps' worth of texts from strangers.
 */
const sendCaps = ({ userId, destination, theirs }: CodeSend) => {
  const destinationKey = theirs ? `${destination} owner:${userId}` : destination;
  return [
    [destinationKey, LIMITS.perDestination],
    [userId, LIMITS.perUser],
    [destinationKey, LIMITS.perDestinationLonger],
  ] as const;
};

/**
 * Spends one code of `send`; the seconds until another may be sent.
 * A send one cap refuses costs none of the others: what the caps checked before it counted is
 * given back. Else a user over their own hourly cap could keep someone's number "just sent a
 * code" for free, a minute at a time, and a user asking while their number's 15 minutes run
 * would use up their own hour with sends that never went out.
 */
export async function spendCodeSend(send: CodeSend): Promise<number> {
  const caps = sendCaps(send);
  const spent: Allowance[] = [];
  try {
    for (const [key, cap] of caps) spent.push(await assertWithinRateLimit(key, cap));
  } catch (refusal) {
    for (const [key, cap] of caps.slice(0, spent.length)) await refundRateLimit(key, cap);
    throw refusal;
  }
  return Math.max(...spent.map(waitAfter));
}

/**
 * Seconds until `send` would be taken, spending nothing: the wait the form counts down, again
 * after a reload, from the same moment (not a fresh minute, nor none).
 */
export async function codeSendWait(send: CodeSend): Promise<number> {
  const waits = await Promise.all(sendCaps(send).map(([key, cap]) => rateLimitWait(key, cap)));
  return Math.max(0, ...waits);
}

/**
 * Gives back a send that Coinbase refused outright (its answer said no, or it was too busy),
 * so that no text went out: the user may try again at once, not be told a code was just sent.
 * A send that failed otherwise (5xx, timeout, reset) may have been texted, and stays spent.
 */
export async function refundCodeSend(send: CodeSend): Promise<void> {
  for (const [key, cap] of sendCaps(send)) await refundRateLimit(key, cap);
}

/** The refusal of a second code to one destination within a minute of the first. */
export const isPacingRefusal = (error: unknown): error is AppError =>
  isAppError(error) &&
  error.code === "rate_limited" &&
  error.message === LIMITS.perDestination.refusal;

/** Coinbase's answers that say no text was sent (lib/http/upstream-errors.ts). */
const REFUSED_BEFORE_SENDING = new Set(["upstream_rejected", "upstream_auth", "upstream_busy"]);

export const sentNothing = (error: unknown) =>
  isAppError(error) && REFUSED_BEFORE_SENDING.has(error.code);

/** Spends one try of a code; true when it is the code's last. The sixth is refused here. */
export async function spendCodeTry(verificationId: string): Promise<boolean> {
  try {
    return (await assertWithinRateLimit(verificationId, LIMITS.triesPerCode)).remaining === 0;
  } catch (error) {
    throw isAppError(error) && error.code === "rate_limited" ? codeUsedUp() : error;
  }
}

/**
 * Gives back the try of a check that said nothing about the code (Coinbase down, too busy, the
 * verification gone): only a wrong code counts, else a right one entered again after an outage
 * would read "Five wrong codes".
 */
export async function refundCodeTry(verificationId: string): Promise<void> {
  await refundRateLimit(verificationId, LIMITS.triesPerCode);
}

export const codeUsedUp = () =>
  new AppError(
    "code_locked",
    "Five wrong codes: this code no longer works. Send yourself a new code.",
  );

const waitAfter = (allowance: Allowance) => (allowance.remaining > 0 ? 0 : allowance.resetSeconds);
