import "server-only";
import { getConfig } from "@/lib/config/env";
import { publicClientIp } from "@/lib/http/client-ip";
import { assertAllowedOrigin } from "./origin-policy";
import { assertWithinRateLimit } from "./rate-limit";

/**
 * Checks every minting request (and, with its own `limits`, every quote) before it can
 * spend quota: the origin policy first (cheap, no state), then the per-client rate limit.
 * Returns the client IP to pass on to Coinbase as `clientIp`, when it is known and public.
 */
export async function guardMintingRequest(
  request: Request,
  limits: { scope?: string; limit?: number } = {},
): Promise<string | undefined> {
  assertAllowedOrigin(request);
  const { trustProxyHeaders } = getConfig();
  const clientIp = publicClientIp(request.headers, trustProxyHeaders);
  await assertWithinRateLimit(rateLimitKey(request.headers, trustProxyHeaders, clientIp), limits);
  return clientIp;
}

/**
 * Who counts as one client. Behind a trusted proxy, the IP it reports. Otherwise
 * Next.js has filled X-Forwarded-For from the socket unless the client sent its own:
 * that is the best key available without a proxy (see the README's security model).
 */
function rateLimitKey(
  headers: Headers,
  trustProxyHeaders: boolean,
  clientIp: string | undefined,
): string {
  if (trustProxyHeaders)
    return clientIp ?? headers.get("x-forwarded-for")?.split(",").pop()?.trim() ?? "unknown";
  return headers.get("x-forwarded-for")?.slice(0, 200) ?? "unknown";
}
