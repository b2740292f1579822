import "server-only";
import type { SignedInUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/http/app-error";
import { guestState, verificationRunOut } from "./guest-state";
import { readLimits, limitProblem, purchasesUsedUp, type GuestLimits } from "./limits";
import { fetchLimits } from "./onramp-api";
import { readProfile } from "./profile";

/** The user's guest limits from Coinbase, by their verified phone number. */
export async function userLimits(user: SignedInUser): Promise<GuestLimits> {
  const answer = await fetchLimits(await verifiedPhone(user), "GUEST_CHECKOUT_APPLE_PAY");
  return readLimits(answer.limits, answer.limitUpgradeOptions);
}

/** The number Coinbase knows the user by: verified, and not run out. */
export async function verifiedPhone(user: SignedInUser): Promise<string> {
  const state = guestState(await readProfile(user.id));
  const runOut = verificationRunOut(state);
  if (runOut) throw runOut;
  if (state.phone !== "verified" || !state.phoneNumber)
    throw new AppError("verification_required", "Verify your phone number first");
  return state.phoneNumber;
}

/** Refuses, before any order, an amount above what the user has left. */
export async function assertWithinLimits(user: SignedInUser, amount: string): Promise<void> {
  const refusal = limitRefusal(await userLimits(user), amount);
  if (refusal) throw refusal;
}

/**
 * The error for an amount the limits do not allow, with the code Coinbase would answer:
 * `guest_transaction_count` once the lifetime purchases are used, else
 * `guest_transaction_limit` for the weekly amount. Null when the amount is allowed.
 */
export function limitRefusal(limits: GuestLimits, amount: string): AppError | null {
  const problem = limitProblem(limits, amount);
  if (!problem) return null;
  const code = purchasesUsedUp(limits) ? "guest_transaction_count" : "guest_transaction_limit";
  return new AppError(code, problem);
}
