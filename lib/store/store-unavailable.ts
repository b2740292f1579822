import { AppError, isAppError } from "@/lib/http/app-error";

/**
 * The one error a store failure becomes: Redis down, slow past its deadline, or refusing.
 * Callers that guard single-use state (OAuth states, the refresh lock, phone links) let
 * it through rather than guess, since accepting unchecked state could let a replay in.
 */
export function storeUnavailable(): AppError {
  return new AppError(
    "store_unavailable",
    "The app's shared store cannot be reached right now: try again shortly",
  );
}

export function isStoreUnavailable(error: unknown): boolean {
  return isAppError(error) && error.code === "store_unavailable";
}
