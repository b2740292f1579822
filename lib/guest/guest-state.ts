import type { GuestProfileRow } from "@/lib/db/schema";
import { AppError } from "@/lib/http/app-error";

/**
 * Where a user stands before a guest order: Coinbase requires the phone verified within
 * the last 60 days, the email verified (a verification lasts 60 days too), and its terms
 * accepted. Pure: the page and the order routes decide from the same function.
 */
export const VERIFICATION_MAX_AGE_DAYS = 60;
const DAY_MS = 24 * 60 * 60 * 1000;

export type PhoneState = "missing" | "expired" | "verified";

export interface GuestState {
  phone: PhoneState;
  phoneNumber?: string;
  emailVerified: boolean;
  agreementAccepted: boolean;
  /** A code was sent and not yet entered. */
  pendingSms?: string;
  pendingEmail: boolean;
}

export function guestState(profile: GuestProfileRow | undefined, now = new Date()): GuestState {
  if (!profile)
    return {
      phone: "missing",
      emailVerified: false,
      agreementAccepted: false,
      pendingEmail: false,
    };
  return {
    phone: phoneState(profile, now),
    ...(profile.phoneNumber ? { phoneNumber: profile.phoneNumber } : {}),
    emailVerified: Boolean(
      profile.emailVerificationId &&
      profile.emailVerifiedAt &&
      !verificationOver(profile.emailVerifiedAt, profile.emailVerificationExpiresAt, now),
    ),
    agreementAccepted: Boolean(profile.agreementAcceptedAt),
    // A code that has run out is no longer waited for: the page asks for a new one.
    ...(profile.pendingPhoneNumber &&
    profile.pendingPhoneVerificationId &&
    !codeOver(profile.pendingPhoneCodeExpiresAt, now)
      ? { pendingSms: profile.pendingPhoneNumber }
      : {}),
    pendingEmail: Boolean(
      profile.pendingEmailVerificationId && !codeOver(profile.pendingEmailCodeExpiresAt, now),
    ),
  };
}

/** Whether a code sent has run out (Coinbase's `otpExpiresAt`; unknown for codes sent before it was kept). */
export const codeOver = (expiresAt: Date | null, now: Date) =>
  expiresAt !== null && expiresAt.getTime() <= now.getTime();

function phoneState(profile: GuestProfileRow, now: Date): PhoneState {
  if (!profile.phoneNumber || !profile.phoneVerifiedAt || !profile.phoneVerificationId)
    return "missing";
  return verificationOver(profile.phoneVerifiedAt, profile.phoneVerificationExpiresAt, now)
    ? "expired"
    : "verified";
}

/**
 * Whether a verification no longer counts: past the end Coinbase gave for it, or, without
 * one, older than a verification lasts. Asked again before Coinbase refuses it, and both at
 * once when both have run out.
 */
function verificationOver(verifiedAt: Date, expiresAt: Date | null, now: Date): boolean {
  if (expiresAt) return now.getTime() >= expiresAt.getTime();
  return now.getTime() - verifiedAt.getTime() > VERIFICATION_MAX_AGE_DAYS * DAY_MS;
}

/**
 * The refusal for a phone verification that has run out, or null. When the email's has run
 * out too (both are usually verified the same day), the code says both: a tab open across the
 * 60 days then asks for the two codes in a row, not the phone's twice.
 */
export function verificationRunOut(state: GuestState): AppError | null {
  if (state.phone !== "expired") return null;
  return state.emailVerified
    ? new AppError(
        "phone_verification_expired",
        "Your phone verification is more than 60 days old: verify your phone number again",
      )
    : new AppError(
        "verification_expired",
        "Your phone and email verifications are more than 60 days old: verify them again",
      );
}

/** Ready to quote and order: everything Coinbase requires is in place. */
export function isReady(state: GuestState): boolean {
  return state.phone === "verified" && state.emailVerified && state.agreementAccepted;
}
