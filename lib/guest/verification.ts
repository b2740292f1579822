import "server-only";
import { spendMintingCeiling } from "@/lib/abuse/guard-minting";
import type { SignedInUser } from "@/lib/auth/current-user";
import { getDatabase } from "@/lib/db/client";
import { AppError, isAppError } from "@/lib/http/app-error";
import type { GuestProfileRow } from "@/lib/db/schema";
import {
  codeSendWait,
  codeUsedUp,
  isPacingRefusal,
  refundCodeSend,
  refundCodeTry,
  sentNothing,
  spendCodeSend,
  spendCodeTry,
} from "./code-limits";
import { codeOver, guestState } from "./guest-state";
import { startVerification, submitVerification } from "./onramp-api";
import { dropPendingCode, readProfile, updateProfile } from "./profile";

/**
 * The user's phone and email, verified by Coinbase's one-time codes (Headless Onramp docs): a code
 * is sent, its verification id kept as pending, and on the right code the verified-at time and id
 * are stored (orders carry both). The email is always the one the user signed in with. Sends and
 * tries are capped (code-limits.ts).
 */
export async function sendCode(
  user: SignedInUser,
  input: { channel: "sms"; phone: string } | { channel: "email" },
): Promise<{ sentTo: string; nextCodeInSeconds: number; sent: boolean }> {
  const sentTo = input.channel === "sms" ? input.phone : user.email;
  const profile = await readProfile(user.id);
  const send = codeSend(user, profile, sentTo);
  let nextCodeInSeconds: number;
  try {
    nextCodeInSeconds = await spendCodeSend(send);
  } catch (refusal) {
    // The user's own code went there within the minute, not yet entered: the answer to their
    // first press was lost (or another tab asked). That code is the one to enter, not a refusal
    // with no field to enter it in.
    const now = new Date();
    const pending =
      input.channel === "sms"
        ? profile?.pendingPhoneVerificationId &&
          profile.pendingPhoneNumber === sentTo &&
          !codeOver(profile.pendingPhoneCodeExpiresAt, now)
        : profile?.pendingEmailVerificationId && !codeOver(profile.pendingEmailCodeExpiresAt, now);
    // `sent: false`: the page says the code already on its way is the one, not a new one.
    if (pending && isPacingRefusal(refusal))
      return { sentTo, nextCodeInSeconds: refusal.options.retryAfterSeconds ?? 60, sent: false };
    throw refusal;
  }
  // The instance's ceiling is spent by a text about to go out only: a send this number's or
  // this user's pacing refused costs none of it, and one the ceiling refuses costs them nothing.
  await spendMintingCeiling().catch(async (busy: unknown) => {
    await refundCodeSend(send);
    throw busy;
  });
  const { verificationId, otpExpiresAt } = await startVerification(input.channel, sentTo).catch(
    async (error: unknown) => {
      if (sentNothing(error)) await refundCodeSend(send);
      throw error;
    },
  );
  const codeExpiresAt = readableDate(otpExpiresAt);
  await updateProfile(
    user.id,
    input.channel === "sms"
      ? {
          pendingPhoneNumber: sentTo,
          pendingPhoneVerificationId: verificationId,
          pendingPhoneCodeExpiresAt: codeExpiresAt,
        }
      : { pendingEmailVerificationId: verificationId, pendingEmailCodeExpiresAt: codeExpiresAt },
  );
  return { sentTo, nextCodeInSeconds, sent: true };
}

/**
 * A code to `sentTo`; the user's own destination (their sign-in email, a number they verified
 * before) is capped apart (code-limits.ts).
 */
function codeSend(user: SignedInUser, profile: GuestProfileRow | undefined, sentTo: string) {
  const theirs = sentTo === user.email || profile?.phoneNumber === sentTo;
  return { userId: user.id, destination: sentTo, theirs };
}

/**
 * For each code still pending when the page is shown (reloaded as the text arrives), the
 * seconds until a new one may be asked for: "Send a new code" waits as the server would.
 */
export async function pendingCodeWaits(
  user: SignedInUser,
  profile: GuestProfileRow | undefined,
): Promise<{ sms: number; email: number }> {
  const { pendingSms, pendingEmail } = guestState(profile);
  const [sms, email] = await Promise.all([
    pendingSms ? codeSendWait(codeSend(user, profile, pendingSms)) : 0,
    pendingEmail ? codeSendWait(codeSend(user, profile, user.email)) : 0,
  ]);
  return { sms, email };
}

const JUST_VERIFIED_MS = 10 * 60 * 1000;

export async function submitCode(
  user: SignedInUser,
  input: { channel: "sms" | "email"; code: string },
  now = new Date(),
): Promise<void> {
  const profile = await readProfile(user.id);
  const pending =
    input.channel === "sms"
      ? profile?.pendingPhoneVerificationId
      : profile?.pendingEmailVerificationId;
  // Verified moments ago, its answer lost on the way (or another tab entered the code): it is
  // done, and a new code (a paid text) would be for nothing.
  const verifiedAt = input.channel === "sms" ? profile?.phoneVerifiedAt : profile?.emailVerifiedAt;
  if (!pending && verifiedAt && now.getTime() - verifiedAt.getTime() < JUST_VERIFIED_MS) return;
  if (!profile || !pending)
    throw new AppError("invalid_request", "Send yourself a code first, then enter it here");
  const lastTry = await spendCodeTry(pending);
  const { verificationId, verificationExpiresAt } = await submitVerification(
    pending,
    input.code,
  ).catch(async (error: unknown) => {
    const code = isAppError(error) ? error.code : undefined;
    // Coinbase says "wrong or expired" even once a code is used up: the user is told which.
    if (code === "invalid_code") throw lastTry ? codeUsedUp() : error;
    await refundCodeTry(pending);
    // Coinbase no longer takes this code (its verification used, or unknown to it): a new code
    // is what helps, not the other verification again. A reload then offers to send one.
    if (code === "verification_invalid" || code === "verification_not_found") {
      await dropPendingCode(user.id, input.channel, pending);
      throw new AppError(
        "code_expired",
        "This code can no longer be used: send yourself a new code",
      );
    }
    throw error;
  });
  // Coinbase's own end of the verification, when it gave a readable one.
  const expiresAt = readableDate(verificationExpiresAt);
  // One transaction: never verified with the used code still pending (entered again, Coinbase
  // would refuse it and the user be told to send a new code for a number already verified).
  await getDatabase().db.transaction(async (tx) => {
    await updateProfile(
      user.id,
      input.channel === "sms"
        ? {
            phoneNumber: profile.pendingPhoneNumber,
            phoneVerifiedAt: now,
            phoneVerificationId: verificationId,
            phoneVerificationExpiresAt: expiresAt,
          }
        : {
            emailVerifiedAt: now,
            emailVerificationId: verificationId,
            emailVerificationExpiresAt: expiresAt,
          },
      tx,
    );
    // The code entered is used; one another tab sent meanwhile (to another number) stays pending.
    await dropPendingCode(user.id, input.channel, pending, tx);
  });
}

/** The moment the user accepted Coinbase's guest terms, user agreement and privacy policy. */
export async function acceptAgreement(user: SignedInUser, now = new Date()): Promise<void> {
  await updateProfile(user.id, { agreementAcceptedAt: now });
}

/** A time Coinbase gave, or null when it does not read as one. */
function readableDate(text: string): Date | null {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}
