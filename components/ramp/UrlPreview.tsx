"use client";

import { UrlDetails } from "@/components/shared/UrlDetails";
import { buildBuyUrl } from "@/lib/ramp/buy-url";
import { buildSellUrl } from "@/lib/ramp/sell-url";
import type { Side } from "@/lib/ramp/options";

const TOKEN_PLACEHOLDER = "<minted-on-submit>";
type BuyInput = Parameters<typeof buildBuyUrl>[2];
type SellInput = Parameters<typeof buildSellUrl>[2];

/**
 * Shows the partner the Coinbase URL the form will produce, parameter by parameter. The
 * session token is a placeholder: it is minted on the server only when the user submits.
 */
export function UrlPreview(props: {
  side: Side;
  body: Record<string, unknown>;
  payBaseUrl: string;
  redirectUrl: string;
  partnerUserRef: string | null;
}) {
  const input = {
    ...props.body,
    redirectUrl: props.redirectUrl,
    partnerUserRef: props.partnerUserRef ?? "<assigned-on-submit>",
  };
  const url =
    props.side === "buy"
      ? buildBuyUrl(props.payBaseUrl, TOKEN_PLACEHOLDER, input as unknown as BuyInput)
      : buildSellUrl(props.payBaseUrl, TOKEN_PLACEHOLDER, input as unknown as SellInput);
  return (
    <UrlDetails
      summary="Details for developers: the URL this builds"
      url={url}
      testId="url-preview"
      caption="URL parameters"
    >
      The server mints the session token with the CDP API key when you continue; the key never
      reaches this page.
    </UrlDetails>
  );
}
