import "server-only";
import { SANDBOX_USER_EMAIL } from "@/lib/oauth/sandbox-user";
import { SEND_SCOPE } from "@/lib/oauth/scopes";
import { authorizeApiCall } from "./api-auth";
import { apiJson } from "./api-response";

// The one sandbox user. The avatar is inline so the sandbox needs no network.
const USER = {
  id: "5b7a1c3e-2f0d-4d8a-9e61-3c2f4b8d7a10",
  name: "Sandy Sandbox",
  username: "sandysandbox",
  profile_location: null,
  avatar_url:
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'%3E%3Ccircle cx='32' cy='32' r='32' fill='%231652f0'/%3E%3Ctext x='32' y='42' font-size='28' text-anchor='middle' fill='white' font-family='sans-serif'%3ES%3C/text%3E%3C/svg%3E",
  resource: "user",
  resource_path: "/v2/user",
} as const;

export { SANDBOX_USER_EMAIL };

/** GET /v2/user: the profile; the email only with `wallet:user:email`, as on Coinbase. */
export function handleGetUser(request: Request, now = Date.now()): Response {
  const caller = authorizeApiCall(request, "wallet:user:read", now);
  if (!caller.ok) return caller.response;
  const withEmail = caller.grant.scopes.includes("wallet:user:email");
  return apiJson(request, { data: withEmail ? { ...USER, email: SANDBOX_USER_EMAIL } : USER });
}

/** GET /v2/user/auth: how the caller is authenticated and what it was granted. Any live token may ask. */
export function handleGetUserAuth(request: Request, now = Date.now()): Response {
  const caller = authorizeApiCall(request, undefined, now);
  if (!caller.ok) return caller.response;
  const { scopes, sendLimit } = caller.grant;
  const oauthMeta =
    sendLimit && scopes.includes(SEND_SCOPE)
      ? {
          send_limit_amount: sendLimit.amount,
          send_limit_currency: sendLimit.currency,
          send_limit_period: sendLimit.period,
        }
      : {};
  return apiJson(request, { data: { method: "oauth", scopes, oauth_meta: oauthMeta } });
}
