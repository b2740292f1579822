import "server-only";
import { log } from "@/lib/log/logger";
import { rpcStatus } from "./rpc-status";
import { verifyCdpRequestJwt } from "./verify-request-jwt";

/**
 * Every CDP endpoint's first step: a 401 in Coinbase's shape unless the JWT names this request.
 * Why is logged (never the token): the answer says only "Unauthorized", as Coinbase's does.
 */
export async function rejectUnsigned(request: Request): Promise<Response | null> {
  const problem = await verifyCdpRequestJwt(request);
  if (!problem) return null;
  log("warn", "sandbox_cdp_unauthorized", { reason: problem });
  return rpcStatus(401, "Unauthorized");
}
