import "server-only";
import { timingSafeEqual, createHash } from "node:crypto";
import { cookieName, cookieOptions, seal, unseal } from "@/lib/security/sealed-cookie";

/** What the browser carries between "Connect" and the callback, sealed. */
export interface PendingAuthorization {
  state: string;
  verifier: string;
  scopes: string[];
}

export const STATE_TTL_SECONDS = 10 * 60;
export const stateCookieName = () => cookieName("cb_oauth_state");

export async function sealState(
  pending: PendingAuthorization,
): Promise<{ name: string; value: string; options: ReturnType<typeof cookieOptions> }> {
  const value = await seal("oauth-state", { ...pending }, STATE_TTL_SECONDS);
  return { name: stateCookieName(), value, options: cookieOptions(STATE_TTL_SECONDS) };
}

export async function unsealState(value: string | undefined): Promise<PendingAuthorization | null> {
  const payload = await unseal("oauth-state", value);
  if (
    !payload ||
    typeof payload.state !== "string" ||
    typeof payload.verifier !== "string" ||
    !Array.isArray(payload.scopes)
  ) {
    return null;
  }
  return {
    state: payload.state,
    verifier: payload.verifier,
    scopes: payload.scopes.filter((s): s is string => typeof s === "string"),
  };
}

/** Constant-time comparison; hashing first makes the lengths equal. */
export function statesMatch(expected: string, received: string): boolean {
  const a = createHash("sha256").update(expected).digest();
  const b = createHash("sha256").update(received).digest();
  return timingSafeEqual(a, b);
}
