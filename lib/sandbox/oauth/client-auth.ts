import "server-only";
import { getConfig } from "@/lib/config/env";
import { safeEqual } from "./secrets";

export type ClientAuth =
  | { kind: "ok"; clientId: string }
  /** No credentials at all: the revoke endpoint may still accept a bearer token. */
  | { kind: "none" }
  | { kind: "invalid"; description: string; basic: boolean };

/**
 * Client authentication as RFC 6749 §2.3.1 allows: HTTP Basic or `client_id` and
 * `client_secret` in the body, not both. The secret is compared in constant time.
 */
export function authenticateClient(request: Request, params: Map<string, string>): ClientAuth {
  const basic = readBasic(request.headers.get("authorization"));
  if (basic === undefined) {
    return { kind: "invalid", description: "The Basic credentials are malformed", basic: true };
  }
  const inBody = params.has("client_secret");
  if (basic && inBody) {
    return {
      kind: "invalid",
      description: "Use one client authentication method, not two",
      basic: true,
    };
  }
  const credentials =
    basic ??
    (inBody
      ? { id: params.get("client_id") ?? "", secret: params.get("client_secret") ?? "" }
      : null);
  if (!credentials) return { kind: "none" };
  const { clientId, clientSecret } = getConfig().oauth;
  // Both compared, always, so the answer's timing says nothing about which was wrong.
  const idMatches = safeEqual(credentials.id, clientId);
  const secretMatches = safeEqual(credentials.secret, clientSecret);
  if (!idMatches || !secretMatches) {
    return { kind: "invalid", description: "Client authentication failed", basic: basic !== null };
  }
  // A body client_id that disagrees with the Basic one is an attempt to confuse.
  if (basic && params.has("client_id") && params.get("client_id") !== clientId) {
    return {
      kind: "invalid",
      description: "client_id does not match the authenticated client",
      basic: true,
    };
  }
  return { kind: "ok", clientId };
}

/** null: no Basic header; undefined: a Basic header that does not parse. */
function readBasic(header: string | null): { id: string; secret: string } | null | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match) return header && /^Basic\b/i.test(header) ? undefined : null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  // RFC 6749 §2.3.1: both halves are form-encoded before Basic encoding.
  try {
    return {
      id: formDecode(decoded.slice(0, colon)),
      secret: formDecode(decoded.slice(colon + 1)),
    };
  } catch {
    return undefined;
  }
}

function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, " "));
}
