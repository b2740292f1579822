import "server-only";
import { getConfig } from "@/lib/config/env";
import { mintSessionToken } from "@/lib/cdp/session-token";
import { buildBuyUrl } from "./buy-url";
import { buildSellUrl } from "./sell-url";
import { resolveRedirectUrl } from "./redirect-url";
import type { OfframpRequest, OnrampRequest } from "./schemas";

export interface RampUrl {
  url: string;
  expiresAt: string;
}

/** Mints a token for one address on one network, limited to the chosen asset. */
function mintFor(input: { address: string; network: string; asset: string }, clientIp?: string) {
  return mintSessionToken(
    { addresses: [{ address: input.address, blockchains: [input.network as OnrampRequest["network"]] }], assets: [input.asset as OnrampRequest["asset"]] },
    clientIp,
  );
}

export async function createOnrampUrl(input: OnrampRequest, clientIp?: string): Promise<RampUrl> {
  // Checked before minting: a refused redirect must not spend a token.
  const redirectUrl = resolveRedirectUrl(input.redirectUrl, "/buy/complete");
  const session = await mintFor(input, clientIp);
  return { url: buildBuyUrl(getConfig().ramp.payBaseUrl, session.token, { ...input, redirectUrl }), expiresAt: session.expiresAt };
}

export async function createOfframpUrl(input: OfframpRequest, clientIp?: string): Promise<RampUrl> {
  const redirectUrl = resolveRedirectUrl(input.redirectUrl, "/sell/complete");
  const session = await mintFor(input, clientIp);
  return { url: buildSellUrl(getConfig().ramp.payBaseUrl, session.token, { ...input, redirectUrl }), expiresAt: session.expiresAt };
}
