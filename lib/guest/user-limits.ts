import "server-only";
import type { SignedInUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/http/app-error";
import { guestState } from "./guest-state";
import { readLimits, limitProblem, type GuestLimits } from "./limits";
import { fetchLimits } from "./onramp-api";
import { readProfile } from "./profile";

/** The user's guest limits from Coinbase, by their verified phone number. */
export async function userLimits(user: SignedInUser): Promise<GuestLimits> {
  const state = guestState(await readProfile(user.id));
  if (state.phone === "expired")
    throw new AppError(
      "phone_verification_expired",
      "Your phone verification is more than 60 days old: verify your phone number again",
    );
  if (state.phone !== "verified" || !state.phoneNumber)
    throw new AppError("verification_required", "Verify your phone number first");
  return readLimits(await fetchLimits(state.phoneNumber, "GUEST_CHECKOUT_APPLE_PAY"));
}

/** Refuses, before any order, an amount above what the user has left. */
export async function assertWithinLimits(user: SignedInUser, amount: string): Promise<void> {
  const problem = limitProblem(await userLimits(user), amount);
  if (problem) throw new AppError("guest_transaction_limit", problem);
}
