import "server-only";
import type { SignedInUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/http/app-error";
import { startVerification, submitVerification } from "./onramp-api";
import { readProfile, updateProfile } from "./profile";

/**
 * The user's phone and email, verified by Coinbase's one-time codes (SPEC §6): a code is
 * sent, its verification id kept as pending, and on the right code the verified-at time and
 * id are stored (orders carry both). The email is always the one the user signed in with.
 */
export async function sendCode(
  user: SignedInUser,
  input: { channel: "sms"; phone: string } | { channel: "email" },
): Promise<{ sentTo: string }> {
  if (input.channel === "sms") {
    const { verificationId } = await startVerification("sms", input.phone);
    await updateProfile(user.id, {
      pendingPhoneNumber: input.phone,
      pendingPhoneVerificationId: verificationId,
    });
    return { sentTo: input.phone };
  }
  const { verificationId } = await startVerification("email", user.email);
  await updateProfile(user.id, { pendingEmailVerificationId: verificationId });
  return { sentTo: user.email };
}

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
  if (!profile || !pending)
    throw new AppError("invalid_request", "Send yourself a code first, then enter it here");
  const { verificationId, verificationExpiresAt } = await submitVerification(pending, input.code);
  // Coinbase's own end of the verification, when it gave a readable one.
  const expires = new Date(verificationExpiresAt);
  const expiresAt = Number.isNaN(expires.getTime()) ? null : expires;
  if (input.channel === "sms") {
    await updateProfile(user.id, {
      phoneNumber: profile.pendingPhoneNumber,
      phoneVerifiedAt: now,
      phoneVerificationId: verificationId,
      phoneVerificationExpiresAt: expiresAt,
      pendingPhoneNumber: null,
      pendingPhoneVerificationId: null,
    });
  } else {
    await updateProfile(user.id, {
      emailVerifiedAt: now,
      emailVerificationId: verificationId,
      emailVerificationExpiresAt: expiresAt,
      pendingEmailVerificationId: null,
    });
  }
}

/** The moment the user accepted Coinbase's guest terms, user agreement and privacy policy. */
export async function acceptAgreement(user: SignedInUser, now = new Date()): Promise<void> {
  await updateProfile(user.id, { agreementAcceptedAt: now });
}
