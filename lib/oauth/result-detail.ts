import "server-only";
import { cookieName, cookieOptions, seal, unseal } from "@/lib/security/sealed-cookie";

/**
 * Carries Coinbase's error description to /oauth/result for one minute, sealed and (over
 * https) `__Host-` prefixed: a cookie another site could set must never put its own
 * words on our page.
 */
const TTL_SECONDS = 60;
export const resultDetailCookieName = () => cookieName("cb_oauth_detail");

export async function sealResultDetail(detail: string) {
  const value = await seal("oauth-result-detail", { detail: detail.slice(0, 200) }, TTL_SECONDS);
  return { name: resultDetailCookieName(), value, options: cookieOptions(TTL_SECONDS) };
}

export async function unsealResultDetail(value: string | undefined): Promise<string | undefined> {
  const payload = await unseal("oauth-result-detail", value);
  return typeof payload?.detail === "string" ? payload.detail : undefined;
}
