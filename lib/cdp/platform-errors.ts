import "server-only";
import { z } from "zod";
import { AppError, type ErrorCode } from "@/lib/http/app-error";
import { upstreamBusy, upstreamError } from "@/lib/http/upstream-errors";
import { log } from "@/lib/log/logger";
import { limitRefusal } from "./limit-errors";

/**
 * How an error of the CDP platform host (the v2 APIs: webhook subscriptions, guest orders)
 * becomes ours. Coinbase answers `{errorType, errorMessage, correlationId?, errorLink?}`;
 * the correlation id is logged, since Coinbase support asks for it. The guest checkout's
 * documented error types each keep a code of their own and a message that says what to do
 * next (the UI branches on the code); anything else falls back on the status.
 */
const PlatformErrorSchema = z.object({
  errorType: z.string(),
  errorMessage: z.string(),
  correlationId: z.string().optional(),
});

export interface PlatformErrorBody {
  errorType: string;
  errorMessage: string;
  correlationId?: string;
}

const GUEST_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  guest_region_forbidden: {
    code: "guest_region_forbidden",
    message:
      "Guest checkout is only offered in the US: use your Coinbase account to buy from where you are",
  },
  guest_permission_denied: {
    code: "guest_permission_denied",
    message:
      "Coinbase does not allow this user to buy as a guest: continue with a Coinbase account instead",
  },
  guest_transaction_limit: {
    code: "guest_transaction_limit",
    message:
      "This purchase would go over your 7-day guest limit: choose a smaller amount, or wait until earlier purchases turn 7 days old",
  },
  guest_transaction_count: {
    code: "guest_transaction_count",
    message: "You have used all your guest purchases: continue with a Coinbase account to buy more",
  },
  phone_number_verification_expired: {
    code: "phone_verification_expired",
    message: "Your phone verification is more than 60 days old: verify your phone number again",
  },
  otp_verification_expired: {
    code: "verification_expired",
    message: "Your verification has expired: verify your phone number and email again",
  },
  otp_verification_invalid: {
    code: "verification_invalid",
    message: "Your verification can no longer be used: verify your phone number and email again",
  },
  otp_verification_required: {
    code: "verification_required",
    message: "Coinbase needs your phone number and email verified first: verify them again",
  },
  otp_verification_destination_mismatch: {
    code: "verification_mismatch",
    message: "The verified phone number or email is not the one on this order: verify them again",
  },
  otp_verification_not_found: {
    code: "verification_not_found",
    message: "Coinbase does not know this verification: verify your phone number and email again",
  },
  otp_verification_code_invalid: {
    code: "invalid_code",
    message: "That code is wrong or has expired: check it, or send a new code",
  },
  network_not_tradable: {
    code: "network_not_tradable",
    message:
      "This asset cannot be bought on this network from where you are: choose another network or asset",
  },
};

/** The error Coinbase's v2 answer stands for; logs its type and correlation id. */
export function platformError(
  path: string,
  status: number,
  body: unknown,
  retryAfter: string | null,
): AppError {
  const parsed = PlatformErrorSchema.safeParse(body);
  const { errorType = "unknown", errorMessage = "", correlationId } = parsed.data ?? {};
  // Coinbase's words on a refused key or API are the operator's clue (a guest is told less:
  // lib/guest/onramp-api.ts); others may echo what the user typed, and stay out of the log.
  const clue = status === 401 || status === 403 ? { errorMessage: errorMessage.slice(0, 300) } : {};
  log("warn", "cdp_platform_error", { path, status, errorType, correlationId, ...clue });
  const known = GUEST_ERRORS[errorType];
  if (known && status >= 400 && status < 500) return new AppError(known.code, known.message);
  const said = `${status} ${errorType}${errorMessage ? `: ${errorMessage.slice(0, 300)}` : ""}`;
  // A 403 `forbidden` is the key's app not being allowed this API (guest checkout is granted
  // per app): another thing to fix than the key itself.
  if (status === 403 && errorType === "forbidden")
    return new AppError(
      "upstream_auth",
      `Coinbase has not enabled this app for this API: ask Coinbase to allow it (${said})`,
    );
  if (status === 401 || status === 403)
    return new AppError("upstream_auth", `Coinbase refused the API key (${said})`);
  if (status === 404) return new AppError("not_found", `Coinbase answered ${said}`);
  if (status === 429) return upstreamBusy(retryAfter);
  if (status >= 400 && status < 500)
    return (
      limitRefusal(errorMessage) ??
      new AppError("upstream_rejected", `Coinbase refused the request (${said})`)
    );
  return upstreamError();
}
