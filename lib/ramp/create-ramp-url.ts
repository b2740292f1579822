import "server-only";
import { getConfig } from "@/lib/config/env";
import { mintSessionToken } from "@/lib/cdp/session-token";
import { buildBuyUrl } from "./buy-url";
import { buildSellUrl } from "./sell-url";
import { assertOffered } from "./check-offered";
import { resolveRedirectUrl } from "./redirect-url";
import type { OfframpRequest, OnrampRequest } from "./schemas";

export interface RampUrl {
  url: string;
  expiresAt: string;
}

/** Mints a token for one address on one network, limited to the chosen asset. */
function mintFor(
  input: { address: string; network: OnrampRequest["network"]; asset: OnrampRequest["asset"] },
  clientIp?: string,
) {
  return mintSessionToken(
    {
      addresses: [{ address: input.address, blockchains: [input.network] }],
      assets: [input.asset],
    },
    clientIp,
  );
}

/**
 * `partnerUserRef` is the caller's own when given, else the one the app assigned to
 * this browser. Everything that can be refused is checked before a token is minted.
 */
export async function createOnrampUrl(
  input: OnrampRequest,
  partnerUserRef: string,
  clientIp?: string,
): Promise<RampUrl> {
  const redirectUrl = resolveRedirectUrl(input.redirectUrl, "/buy/complete");
  await assertOffered("buy", { ...input, method: input.paymentMethod });
  const session = await mintFor(input, clientIp);
  const url = buildBuyUrl(getConfig().ramp.payBaseUrl, session.token, {
    ...input,
    partnerUserRef,
    redirectUrl,
  });
  return { url, expiresAt: session.expiresAt };
}

export async function createOfframpUrl(
  input: OfframpRequest,
  partnerUserRef: string,
  clientIp?: string,
): Promise<RampUrl> {
  const redirectUrl = resolveRedirectUrl(input.redirectUrl, "/sell/complete");
  await assertOffered("sell", { ...input, method: input.cashoutMethod });
  const session = await mintFor(input, clientIp);
  const url = buildSellUrl(getConfig().ramp.payBaseUrl, session.token, {
    ...input,
    partnerUserRef,
    redirectUrl,
  });
  return { url, expiresAt: session.expiresAt };
}
