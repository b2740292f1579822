import "server-only";
import { authenticateClient } from "./client-auth";
import { redeemCode } from "./codes";
import { noStoreJson, oauthError } from "./oauth-response";
import { readOAuthBody } from "./request-body";
import { issueTokens, spendRefreshToken } from "./tokens";
import type { Grant } from "./types";

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** POST /oauth2/token, as login.coinbase.com answers it (authorization_code and refresh_token). */
export async function handleTokenRequest(request: Request, now = Date.now()): Promise<Response> {
  const body = await readOAuthBody(request);
  if (!body.ok) return oauthError(400, "invalid_request", body.description);
  const { params } = body;
  const client = authenticateClient(request, params);
  if (client.kind !== "ok") {
    const challenge: Record<string, string> =
      client.kind === "invalid" && client.basic
        ? { "www-authenticate": 'Basic realm="sandbox"' }
        : {};
    return oauthError(
      401,
      "invalid_client",
      client.kind === "invalid" ? client.description : "Client authentication is required",
      challenge,
    );
  }
  const grantType = params.get("grant_type");
  if (!grantType) return oauthError(400, "invalid_request", "grant_type is required");

  if (grantType === "authorization_code") {
    const code = params.get("code");
    const redirectUri = params.get("redirect_uri");
    const codeVerifier = params.get("code_verifier");
    if (!code || !redirectUri || !codeVerifier) {
      return oauthError(
        400,
        "invalid_request",
        "code, redirect_uri and code_verifier are required",
      );
    }
    if (!VERIFIER.test(codeVerifier)) {
      return oauthError(
        400,
        "invalid_request",
        "code_verifier must be 43 to 128 unreserved characters",
      );
    }
    const redemption = redeemCode(
      { code, clientId: client.clientId, redirectUri, codeVerifier },
      now,
    );
    if (!redemption.ok) return oauthError(400, "invalid_grant", redemption.description);
    return tokenResponse(redemption.grant, now);
  }

  if (grantType === "refresh_token") {
    const refreshToken = params.get("refresh_token");
    if (!refreshToken) return oauthError(400, "invalid_request", "refresh_token is required");
    const spent = spendRefreshToken(refreshToken, client.clientId, now);
    if (!spent.ok) {
      return oauthError(
        400,
        "invalid_grant",
        `The refresh token is ${spent.reason === "used" ? "already used" : spent.reason}`,
      );
    }
    return tokenResponse(spent.grant, now);
  }

  return oauthError(
    400,
    "unsupported_grant_type",
    "grant_type must be authorization_code or refresh_token",
  );
}

function tokenResponse(grant: Grant, now: number): Response {
  const issued = issueTokens(grant, now);
  return noStoreJson({
    access_token: issued.accessToken,
    token_type: "bearer",
    expires_in: issued.expiresIn,
    ...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
    // Space-separated, as RFC 6749 §3.3 and Coinbase's token response write it.
    scope: grant.scopes.join(" "),
  });
}
