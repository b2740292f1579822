import "server-only";
import { getConfig } from "@/lib/config/env";
import { mintSessionToken } from "@/lib/cdp/session-token";
import { recordStarted } from "@/lib/ledger/record-started";
import { buildBuyUrl } from "./buy-url";
import { buildSellUrl } from "./sell-url";
import { fiatPreset } from "./fiat-preset";
import { assertOffered } from "./check-offered";
import { returnToOrder } from "./return-order";
import type { OfframpRequest, OnrampRequest } from "./schemas";

export interface RampUrl {
  url: string;
  expiresAt: string;
  /** The ledger row this URL started (see lib/ledger/). */
  transactionId: string;
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
 * Whether the asset, network, method and amount are offered in the user's region: refused
 * before a token is minted. Also run before a phone link is made, so that no link is made for
 * a request its phone could only be refused.
 */
export async function assertRampOffered(
  side: "buy" | "sell",
  input: OnrampRequest | OfframpRequest,
): Promise<void> {
  const method =
    side === "buy"
      ? (input as OnrampRequest).paymentMethod
      : (input as OfframpRequest).cashoutMethod;
  await assertOffered(side, { ...input, method });
}

/**
 * Whom a ramp URL is for (`partnerUserRef`: see lib/auth/require-caller.ts) and the page
 * Coinbase sends them back to, resolved (lib/ramp/redirect-url.ts): both settled by the caller
 * before the minting ceiling is spent.
 */
export interface RampFor {
  partnerUserRef: string;
  returnPage: string;
}

/**
 * What the ledger's `started` row keeps of a request: what was asked, not yet what happened.
 * An amount in money with no currency named is in USD, as its pay URL says (fiat-preset.ts):
 * the history then shows "$40.00", not an amount in nothing.
 */
export function started(
  side: "buy" | "sell",
  input: OnrampRequest | OfframpRequest,
  partnerUserRef: string,
) {
  const { asset, network, address, fiatAmount, cryptoAmount } = input;
  const { fiatCurrency } = fiatPreset(input);
  return { side, partnerUserRef, asset, network, address, fiatAmount, fiatCurrency, cryptoAmount };
}

/**
 * Everything that can be refused is checked before a token is minted; a URL is returned only
 * once the ledger holds its `started` row, which the URL's way back to the completion page
 * then names (return-order.ts).
 */
export async function createOnrampUrl(
  input: OnrampRequest,
  { partnerUserRef, returnPage }: RampFor,
  clientIp?: string,
): Promise<RampUrl> {
  await assertRampOffered("buy", input);
  const session = await mintFor(input, clientIp);
  const transactionId = await recordStarted(started("buy", input, partnerUserRef));
  const url = buildBuyUrl(getConfig().ramp.payBaseUrl, session.token, {
    ...input,
    partnerUserRef,
    redirectUrl: returnToOrder(returnPage, getConfig().appUrl, "buy", transactionId),
  });
  return { url, expiresAt: session.expiresAt, transactionId };
}

export async function createOfframpUrl(
  input: OfframpRequest,
  { partnerUserRef, returnPage }: RampFor,
  clientIp?: string,
): Promise<RampUrl> {
  await assertRampOffered("sell", input);
  const session = await mintFor(input, clientIp);
  const transactionId = await recordStarted(started("sell", input, partnerUserRef));
  const url = buildSellUrl(getConfig().ramp.payBaseUrl, session.token, {
    ...input,
    partnerUserRef,
    redirectUrl: returnToOrder(returnPage, getConfig().appUrl, "sell", transactionId),
  });
  return { url, expiresAt: session.expiresAt, transactionId };
}
