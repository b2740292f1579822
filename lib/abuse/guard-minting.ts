import "server-only";
import { apiKeyId, bearerKey, isValidApiKey } from "@/lib/auth/api-keys";
import { getConfig } from "@/lib/config/env";
import { configuredClientIp } from "@/lib/http/client-ip";
import { rateLimitKey } from "./client-key";
import { assertWithinGlobalCeiling } from "./global-ceiling";
import { assertAllowedOrigin } from "./origin-policy";
import { assertWithinRateLimit } from "./rate-limit";

/**
 * Checks every minting request before anything else: the origin policy first (cheap, no
 * state), then the client's own limit. Returns the client IP to pass on to Coinbase as
 * `clientIp`, when it is known and public.
 */
export async function guardMintingRequest(request: Request): Promise<string | undefined> {
  return guardClientRequest(request, { scope: "mint" });
}

/**
 * The instance's ceiling for all clients, spent by a request about to mint: its caller known
 * and its body checked. Requests refused before that (signed out, a bad body, a client over
 * its own limit) spend none of it, so a crowd of junk requests cannot use up everyone's.
 */
export function spendMintingCeiling(): Promise<void> {
  return assertWithinGlobalCeiling();
}

/** The origin policy and one client's limit in `scope` (see guard-quote.ts, guard-lookup.ts). */
export async function guardClientRequest(
  request: Request,
  limits: { scope: string; limit?: number },
): Promise<string | undefined> {
  assertAllowedOrigin(request);
  return assertClientWithinLimit(request, limits);
}

/**
 * One client's limit in `scope`; the client IP to pass on to Coinbase, when known and public.
 * A partner's server holding a valid API key acts for all of its users, whom it limits itself:
 * it counts by its key, not its address, with the whole instance's allowance in each scope
 * (RATE_LIMIT_GLOBAL_PER_MINUTE, or the scope's own limit if higher; none with the ceilings
 * off). Its address is its own, not its user's, so it is not passed on as `clientIp`. (A
 * wrong key counts by address, as anyone does.)
 */
export async function assertClientWithinLimit(
  request: Request,
  limits: { scope: string; limit?: number },
): Promise<string | undefined> {
  const { trustProxyHeaders, rateLimitPerMinute, rateLimitGlobalPerMinute } = getConfig();
  const scopeLimit = limits.limit ?? rateLimitPerMinute;
  const key = bearerKey(request.headers);
  if (key !== null && isValidApiKey(key)) {
    if (scopeLimit !== 0 && rateLimitGlobalPerMinute !== 0)
      await assertWithinRateLimit(`api-key:${apiKeyId(key)}`, {
        scope: limits.scope,
        limit: Math.max(scopeLimit, rateLimitGlobalPerMinute),
      });
    return undefined;
  }
  const clientIp = configuredClientIp(request.headers);
  // With the limit off (0) there is nothing to count, so no client key to work out.
  if (scopeLimit !== 0) {
    const client = rateLimitKey(request.headers, trustProxyHeaders, clientIp);
    await assertWithinRateLimit(client, limits);
  }
  return clientIp;
}
