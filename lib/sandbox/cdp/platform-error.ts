import "server-only";
import { randomBytes } from "node:crypto";

/**
 * An error as the CDP platform host (v2 APIs) answers it: `{errorType, errorMessage,
 * correlationId, errorLink}`, not the v1 google.rpc.Status of `rpc-status.ts`.
 */
export function platformError(status: number, errorType: string, errorMessage: string): Response {
  return Response.json(
    {
      errorType,
      errorMessage,
      correlationId: `${randomBytes(8).toString("hex")}-SBX`,
      errorLink: `https://docs.cdp.coinbase.com/api-reference/v2/errors#${errorType.replaceAll("_", "-")}`,
    },
    { status },
  );
}

export const unauthorized = () =>
  platformError(401, "unauthorized", "The request is not properly authenticated.");
