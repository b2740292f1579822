import { getConfig } from "@/lib/config/env";
import { refuseOtherMethods } from "@/lib/http/other-methods";

// Read at request time: the file comes from the environment, not the build.
export const dynamic = "force-dynamic";

/**
 * Apple Pay's domain-association file, which Coinbase provides for guest checkout: Apple
 * fetches it to allow the Apple Pay button on this domain. 404 until it is configured.
 */
export function GET() {
  const contents = getConfig().applePayDomainAssociation;
  if (!contents)
    return new Response("Not Found", { status: 404, headers: { "content-type": "text/plain" } });
  return new Response(contents, {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "public, max-age=3600",
    },
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET");
