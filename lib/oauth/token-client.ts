import "server-only";
import { log } from "@/lib/log/logger";
import { z } from "zod";
import { getConfig } from "@/lib/config/env";
import { AppError, isAppError } from "@/lib/http/app-error";
import { fetchUpstream } from "@/lib/http/upstream-fetch";
import { upstreamBusy, upstreamError } from "@/lib/http/upstream-errors";
import { needsRefresh, type OAuthSession } from "./session-cookie";

const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});

/** Code for tokens (authorization_code grant with the PKCE verifier). */
export function exchangeCode(
  code: string,
  verifier: string,
  requestedScopes: string[],
): Promise<OAuthSession> {
  const { clientId, clientSecret, redirectUri } = getConfig().oauth;
  return tokenRequest(
    {
      grant_type: "authorization_code",
      code,
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    },
    requestedScopes,
  );
}

/** The error for a session Coinbase no longer honours: the user must connect again. */
export function sessionEnded(): AppError {
  return new AppError("not_connected", "Your Coinbase session has ended: connect again");
}

/**
 * A session whose grant this app ended as a new connection took its place ("Ask for more
 * permissions", connecting again: marked in lib/oauth/refresh.ts): the callback that ended it
 * set the new connection's cookie. A request still carrying the old one, sent from another tab
 * just before, must not clear what the browser holds now.
 */
export function sessionReplaced(): AppError {
  return Object.assign(sessionEnded(), { replaced: true });
}

/** Whether `error` is `sessionReplaced`'s: the cookie is left as the browser has it. */
export function replacedHere(error: unknown): boolean {
  return isAppError(error) && (error as { replaced?: unknown }).replaced === true;
}

/**
 * Whether a failed refresh ends the session: Coinbase refused the grant (`invalid_grant`), or
 * there is no refresh token. Nothing else does: a timeout, an outage or a rate limit, nor any
 * other refusal (a 403 page from a proxy on the way, a 404 from a mistyped token URL), for the
 * refresh token may still be good, and a session ended without it being revoked leaves a grant
 * nobody can reach. The user can try again.
 */
export function endsSession(error: unknown): boolean {
  return isAppError(error) && (error.code === "invalid_grant" || error.code === "not_connected");
}

/**
 * Refresh token for new tokens. Coinbase rotates: the old refresh token is spent. The new
 * pair belongs to whoever the old one did.
 */
export async function refreshTokens(
  session: OAuthSession,
  timeoutMs?: number,
): Promise<OAuthSession> {
  const { clientId, clientSecret } = getConfig().oauth;
  if (!session.refreshToken) throw sessionEnded();
  const renewed = await tokenRequest(
    {
      grant_type: "refresh_token",
      refresh_token: session.refreshToken,
      client_id: clientId,
      client_secret: clientSecret,
    },
    session.scopes,
    timeoutMs,
  );
  // The same grant: its scopes, send limit, account access (and currencies) and owner carry
  // over. A renewal never changes what was granted, and its answer's `scope` may read "all"
  // (Connect docs), which names no scope.
  return {
    ...renewed,
    scopes: session.scopes,
    sendLimit: session.sendLimit,
    accountAccess: session.accountAccess,
    accountCurrency: session.accountCurrency,
    userId: session.userId,
  };
}

/**
 * Revokes the grant: the refresh token, then the access token, each on its own (Coinbase
 * revokes the token it is given). In that order because each call is authenticated with the
 * access token: revoked first, it could no longer vouch for the second call. Both (and the
 * renewal of an expired session before them) within one deadline, so a Coinbase that hangs
 * holds the user up no longer than any other call; the refresh token, which lives far longer,
 * goes first. Best effort: a failure is logged, the local session ends anyway. True only when
 * every token was revoked, as far as Coinbase's answers can tell.
 */
export async function revokeToken(expiring: OAuthSession): Promise<boolean> {
  const deadline = Date.now() + getConfig().upstreamTimeoutMs;
  const live = await liveForRevoking(expiring, deadline);
  if (live === "grant_ended") return true;
  const { session, proven } = live;
  const refreshRevoked = session.refreshToken
    ? (await revokeOne(session, session.refreshToken, "refresh_token", deadline)) === "revoked"
    : true;
  const left = deadline - Date.now();
  const access =
    left >= MIN_CALL_MS
      ? await revokeOne(session, session.accessToken, "access_token", deadline)
      : "failed";
  // Revoking the refresh token may end the whole grant (RFC 7009 says it should): the access
  // token it took along then no longer vouches for its own revocation, and Coinbase says 401.
  const grantEnded = Boolean(session.refreshToken) && refreshRevoked;
  const accessRevoked = access === "revoked" || (access === "refused" && grantEnded);
  return proven && refreshRevoked && accessRevoked;
}

/**
 * The tokens to revoke, and whether Coinbase's answer will prove anything. It authenticates a
 * revocation with the access token and answers 200 whether or not it revoked (Connect docs): for an
 * expired access token, a 200 proves nothing. Such a session is renewed first and the fresh
 * pair revoked (the renewal spent the old refresh token). Coinbase refusing the renewal: the
 * grant is over already. The renewal failing otherwise: the expired pair is revoked all the
 * same, its answer unproven (the user is told the grant may still be alive).
 */
async function liveForRevoking(
  session: OAuthSession,
  deadline: number,
): Promise<{ session: OAuthSession; proven: boolean } | "grant_ended"> {
  if (!needsRefresh(session)) return { session, proven: true };
  if (!session.refreshToken) return { session, proven: false };
  try {
    // Half the time at most: the revocations need the rest.
    const timeoutMs = Math.max(MIN_CALL_MS, (deadline - Date.now()) / 2);
    return { session: await refreshTokens(session, timeoutMs), proven: true };
  } catch (error) {
    if (isAppError(error) && error.code === "invalid_grant") return "grant_ended";
    return { session, proven: false };
  }
}

// Less time than this left for the second revocation: it is not tried.
const MIN_CALL_MS = 100;

/** `refused`: Coinbase said 401 (the access token that authenticates the call is no longer good). */
async function revokeOne(
  session: OAuthSession,
  token: string,
  hint: string,
  deadline: number,
): Promise<"revoked" | "refused" | "failed"> {
  const { clientId, clientSecret, revokeUrl } = getConfig().oauth;
  try {
    const response = await fetchUpstream("oauth-revoke", revokeUrl, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Bearer ${session.accessToken}`,
      },
      body: new URLSearchParams({
        token,
        token_type_hint: hint,
        client_id: clientId,
        client_secret: clientSecret,
      }),
      retry: "idempotent",
      timeoutMs: Math.max(MIN_CALL_MS, deadline - Date.now()),
    });
    // RFC 7009 says 200; any 2xx (a 204, say) still means the token is gone.
    if (response.status >= 200 && response.status < 300) return "revoked";
    log("warn", "oauth_revoke_failed", { status: response.status, hint });
    if (response.status === 401) return "refused";
  } catch {
    // fetchUpstream has logged it.
  }
  return "failed";
}

async function tokenRequest(
  form: Record<string, string>,
  fallbackScopes: string[],
  timeoutMs?: number,
): Promise<OAuthSession> {
  const { tokenUrl } = getConfig().oauth;
  const response = await fetchUpstream("oauth-token", tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams(form),
    // Codes and refresh tokens are single-use: resend only if the first never arrived.
    retry: "connect-only",
    timeoutMs,
  });
  if (response.status !== 200)
    throw mapTokenError(response.status, response.body, response.retryAfter, form.grant_type);
  const parsed = TokenResponseSchema.safeParse(response.body);
  if (!parsed.success) {
    log("warn", "oauth_unexpected_token_shape");
    throw upstreamError();
  }
  const t = parsed.data;
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    expiresAt: Date.now() + t.expires_in * 1000,
    scopes: grantedScopes(t.scope, fallbackScopes),
  };
}

/**
 * The scopes a token answer names; what was asked for when it names none, or "all" (Connect docs:
 * Coinbase's may), which is no scope this app can check a grant against.
 */
function grantedScopes(answered: string | undefined, asked: string[]): string[] {
  const named = (answered ?? "").split(/[\s,]+/).filter(Boolean);
  return named.length === 0 || named.includes("all") ? asked : named;
}

function mapTokenError(
  status: number,
  body: unknown,
  retryAfter: string | null,
  grantType: string | undefined,
): AppError {
  const error =
    typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
  log("warn", "oauth_token_error", {
    status,
    error: typeof error === "string" ? error.slice(0, 40) : undefined,
  });
  if (status === 429) return upstreamBusy(retryAfter);
  // The `error` first: an OAuth server may answer a revoked or spent refresh token with 401
  // (`token_inactive`, as Ory Hydra's does), which ends the user's grant, not our client.
  if (error === "invalid_grant" || error === "token_inactive") {
    return new AppError(
      "invalid_grant",
      "That request to connect has expired or was already answered: connect again",
    );
  }
  const clientRefused = error === "invalid_client" || error === "unauthorized_client";
  if (clientRefused || (status === 401 && typeof error !== "string")) {
    // The fix is the operator's, so the setting to check goes to the log; the message
    // reaches the user (on /oauth/result, or a page renewing the session).
    log("error", "oauth_client_rejected", {
      check: "COINBASE_OAUTH_CLIENT_ID and COINBASE_OAUTH_CLIENT_SECRET",
    });
    return new AppError(
      "upstream_auth",
      "Coinbase did not accept this app's own credentials, so it cannot connect accounts right now. Please try again later.",
    );
  }
  if (status >= 400 && status < 500) {
    // A renewal refused so (a proxy's 403 page, say) leaves the session standing (endsSession).
    return new AppError(
      "upstream_rejected",
      grantType === "refresh_token"
        ? "Coinbase could not renew your session just now: you are still connected, try again"
        : "Coinbase refused the sign-in: connect again",
    );
  }
  return upstreamError();
}
