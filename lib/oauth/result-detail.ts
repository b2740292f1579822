import "server-only";
import { cookieName, cookieOptions, seal, unseal } from "@/lib/security/sealed-cookie";

/**
 * Carries Coinbase's error description to /oauth/result for one minute, sealed and (over
 * https) `__Host-` prefixed: a cookie another site could set must never put its own
 * words on our page. Sealed with the failure it explains, and shown only on that failure's
 * page: a later attempt that fails otherwise (declined, say) within the minute must not
 * carry the earlier words.
 */
const TTL_SECONDS = 60;
export const resultDetailCookieName = () => cookieName("cb_oauth_detail");

export async function sealResultDetail(detail: string, failure: string) {
  const value = await seal(
    "oauth-result-detail",
    { detail: detail.slice(0, 200), failure },
    TTL_SECONDS,
  );
  return { name: resultDetailCookieName(), value, options: cookieOptions(TTL_SECONDS) };
}

/** The detail sealed for `failure`, or nothing. */
export async function unsealResultDetail(
  value: string | undefined,
  failure: string,
): Promise<string | undefined> {
  const payload = await unseal("oauth-result-detail", value);
  if (payload?.failure !== failure) return undefined;
  return typeof payload.detail === "string" ? payload.detail : undefined;
}
