import "server-only";
import { getConfig } from "@/lib/config/env";
import { publicClientIp } from "@/lib/http/client-ip";
import { rateLimitKey } from "./guard-minting";
import { assertAllowedOrigin } from "./origin-policy";
import { assertWithinRateLimit } from "./rate-limit";

// A form asks for a quote whenever typing pauses, so quotes get a wider allowance than mints.
const QUOTES_PER_MINT = 6;

/** Quotes spend CDP quota too: same origin policy, a looser per-client limit. */
export async function guardQuoteRequest(request: Request): Promise<void> {
  assertAllowedOrigin(request);
  const { rateLimitPerMinute, trustProxyHeaders } = getConfig();
  const client = rateLimitKey(
    request.headers,
    trustProxyHeaders,
    publicClientIp(request.headers, trustProxyHeaders),
  );
  await assertWithinRateLimit(client, {
    scope: "quote",
    limit: rateLimitPerMinute * QUOTES_PER_MINT,
  });
}
