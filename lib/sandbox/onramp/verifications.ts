import "server-only";
import { randomInt, randomUUID } from "node:crypto";
import { deliverToSandboxInbox } from "@/lib/mail/sandbox-inbox";
import { processSingleton } from "@/lib/process/singleton";

/**
 * The sandbox's one-time codes (`/v2/onramp/verifications`): a 6-digit code good for 10
 * minutes and 5 tries, "sent" by SMS or email into the sandbox inbox (an SMS as a message to
 * the phone number); once entered, the verification is good for 60 days.
 */
export const OTP_TTL_MS = 10 * 60 * 1000;
export const VERIFICATION_TTL_MS = 60 * 24 * 60 * 60 * 1000;
const MAX_TRIES = 5;
const MAX_SENDS_PER_WINDOW = 5;
const MAX_KEPT = 10_000;

export interface Verification {
  id: string;
  channel: "sms" | "email";
  destination: string;
  code: string;
  sentAt: number;
  tries: number;
  verifiedAt?: number;
}

const store = () =>
  processSingleton("sandbox.onramp-verifications", () => new Map<string, Verification>());

/** Sends a code; null when this destination already had 5 codes in the last 10 minutes. */
export async function startVerification(
  channel: "sms" | "email",
  destination: string,
  now = Date.now(),
): Promise<Verification | null> {
  const recent = [...store().values()].filter(
    (v) => v.destination === destination && now - v.sentAt < OTP_TTL_MS,
  );
  if (recent.length >= MAX_SENDS_PER_WINDOW) return null;
  const verification: Verification = {
    id: `onramp_verification_${randomUUID()}`,
    channel,
    destination,
    code: String(randomInt(0, 1_000_000)).padStart(6, "0"),
    sentAt: now,
    tries: 0,
  };
  store().set(verification.id, verification);
  if (store().size > MAX_KEPT) store().delete(store().keys().next().value!);
  await deliverToSandboxInbox({
    to: destination,
    subject: `Your Coinbase verification code: ${verification.code}`,
    text: `Your Coinbase verification code is ${verification.code}. It expires in 10 minutes. (${channel === "sms" ? "SMS" : "Email"} from the Coinbase sandbox.)`,
  });
  return verification;
}

export type SubmitResult = "verified" | "not_found" | "code_invalid" | "invalid";

export function submitCode(id: string, code: string, now = Date.now()): SubmitResult {
  const verification = store().get(id);
  if (!verification) return "not_found";
  if (verification.verifiedAt !== undefined) return "invalid";
  if (now - verification.sentAt > OTP_TTL_MS || verification.tries >= MAX_TRIES)
    return "code_invalid";
  verification.tries++;
  if (verification.code !== code) return "code_invalid";
  verification.verifiedAt = now;
  return "verified";
}

export function findVerification(id: string): Verification | undefined {
  return store().get(id);
}

/** Whether this phone number entered a code the sandbox sent it by SMS, within the last 60 days. */
export function phoneVerifiedByOtp(phoneNumber: string, now = Date.now()): boolean {
  for (const v of store().values())
    if (
      v.channel === "sms" &&
      v.destination === phoneNumber &&
      v.verifiedAt !== undefined &&
      now - v.verifiedAt <= VERIFICATION_TTL_MS
    )
      return true;
  return false;
}
