import "server-only";
import { bearerToken } from "./api-auth";
import { authenticateClient } from "./client-auth";
import { noStoreJson, oauthError } from "./oauth-response";
import { readOAuthBody } from "./request-body";
import { checkAccessToken, grantOfToken, revokeToken } from "./tokens";
import type { Grant } from "./types";

/**
 * POST /oauth2/revoke: ends an access token, or the whole grant behind a refresh token
 * (tokens.ts). Answers `{}` for a token it does not know, as RFC 7009 §2.2 asks.
 */
export async function handleRevokeRequest(request: Request, now = Date.now()): Promise<Response> {
  const body = await readOAuthBody(request);
  if (!body.ok) return oauthError(400, "invalid_request", body.description);
  const token = body.params.get("token");
  if (!token) return oauthError(400, "invalid_request", "token is required");
  const grant = grantOfToken(token);
  if (!callerMayRevoke(request, body.params, grant, now)) {
    return oauthError(
      401,
      "invalid_client",
      "Authenticate the client, or send a live access token of this authorization",
    );
  }
  if (grant) revokeToken(token, now);
  return noStoreJson({});
}

// Coinbase documents both: client credentials in the body, and the access token as bearer.
function callerMayRevoke(
  request: Request,
  params: Map<string, string>,
  grant: Grant | undefined,
  now: number,
): boolean {
  const client = authenticateClient(request, params);
  if (client.kind === "ok") return !grant || grant.clientId === client.clientId;
  const bearer = bearerToken(request);
  const caller = bearer ? checkAccessToken(bearer, now) : undefined;
  return caller?.ok === true && (!grant || grant.id === caller.grant.id);
}
