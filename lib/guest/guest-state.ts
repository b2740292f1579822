import type { GuestProfileRow } from "@/lib/db/schema";

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
    ...(profile.pendingPhoneNumber && profile.pendingPhoneVerificationId
      ? { pendingSms: profile.pendingPhoneNumber }
      : {}),
    pendingEmail: Boolean(profile.pendingEmailVerificationId),
  };
}

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

/** Ready to quote and order: everything Coinbase requires is in place. */
export function isReady(state: GuestState): boolean {
  return state.phone === "verified" && state.emailVerified && state.agreementAccepted;
}
