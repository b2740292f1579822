import "server-only";
import { rpcStatus } from "./rpc-status";
import { verifyCdpRequestJwt } from "./verify-request-jwt";

/** Every CDP endpoint's first step: a 401 in Coinbase's shape unless the JWT names this request. */
export async function rejectUnsigned(request: Request): Promise<Response | null> {
  const problem = await verifyCdpRequestJwt(request);
  return problem ? rpcStatus(401, "Unauthorized") : null;
}
