import "server-only";
import { apiError } from "./api-response";
import { checkAccessToken } from "./tokens";
import type { Grant } from "./types";

/** The token of `Authorization: Bearer …`, or null. */
export function bearerToken(request: Request): string | null {
  const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(
    request.headers.get("authorization") ?? "",
  );
  return match?.[1] ?? null;
}

const TOKEN_PROBLEMS = {
  unknown: { id: "invalid_token", message: "The access token is invalid" },
  used: { id: "invalid_token", message: "The access token is invalid" },
  expired: { id: "expired_token", message: "The access token expired" },
  revoked: { id: "revoked_token", message: "The access token was revoked" },
} as const;

export type ApiCaller = { ok: true; grant: Grant } | { ok: false; response: Response };

/** api.coinbase.com's gate: a live bearer token, and the scope the endpoint needs. */
export function authorizeApiCall(
  request: Request,
  requiredScope: string | undefined,
  now = Date.now(),
): ApiCaller {
  const token = bearerToken(request);
  if (!token) {
    return {
      ok: false,
      response: apiError(request, 401, "invalid_token", "An access token is required"),
    };
  }
  const check = checkAccessToken(token, now);
  if (!check.ok) {
    const problem = TOKEN_PROBLEMS[check.reason];
    return { ok: false, response: apiError(request, 401, problem.id, problem.message) };
  }
  if (requiredScope && !check.grant.scopes.includes(requiredScope)) {
    return {
      ok: false,
      response: apiError(
        request,
        403,
        "invalid_scope",
        `Invalid scope: this call needs ${requiredScope}`,
      ),
    };
  }
  return { ok: true, grant: check.grant };
}
