import "server-only";
import { randomBytes } from "node:crypto";
import { processSingleton } from "@/lib/process/singleton";

/** What a minted session token allows, as the sandbox's token endpoint received it. */
export interface SessionGrant {
  addresses: { address: string; blockchains: string[] }[];
  assets?: string[];
}

interface StoredToken {
  grant: SessionGrant;
  mintedAt: number;
  usedAt?: number;
}

export const TOKEN_LIFETIME_MS = 5 * 60 * 1000;

const tokens = processSingleton("sandbox.pay-tokens", () => new Map<string, StoredToken>());

export function issueSessionToken(grant: SessionGrant, now = Date.now()): string {
  sweep(now);
  const token = randomBytes(24).toString("base64url");
  tokens.set(token, { grant, mintedAt: now });
  return token;
}

export type Redemption =
  { ok: true; grant: SessionGrant } | { ok: false; reason: "unknown" | "expired" | "used" };

/** A token opens one checkout, once, within 5 minutes of minting: as on pay.coinbase.com. */
export function redeemSessionToken(token: string, now = Date.now()): Redemption {
  const stored = tokens.get(token);
  if (!stored) return { ok: false, reason: "unknown" };
  if (stored.usedAt !== undefined) return { ok: false, reason: "used" };
  if (now - stored.mintedAt > TOKEN_LIFETIME_MS) return { ok: false, reason: "expired" };
  stored.usedAt = now;
  return { ok: true, grant: stored.grant };
}

// Used tokens are kept a while so that reopening a pay URL says "used", not "unknown".
function sweep(now: number) {
  for (const [token, stored] of tokens) {
    if (now - stored.mintedAt > 4 * TOKEN_LIFETIME_MS) tokens.delete(token);
  }
}
