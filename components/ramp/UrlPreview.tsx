"use client";

import { buildBuyUrl } from "@/lib/ramp/buy-url";
import { buildSellUrl } from "@/lib/ramp/sell-url";

const TOKEN_PLACEHOLDER = "<minted-on-submit>";
type BuyInput = Parameters<typeof buildBuyUrl>[2];
type SellInput = Parameters<typeof buildSellUrl>[2];

/**
 * Shows the partner the Coinbase URL the form will produce, parameter by parameter. The
 * session token is a placeholder: it is minted on the server only when the user submits.
 */
export function UrlPreview(props: {
  side: "buy" | "sell";
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
  const parsed = new URL(url);
  return (
    <details className="rounded-lg border border-slate-200 p-3 text-sm">
      <summary className="cursor-pointer font-medium">
        Details for developers: the URL this builds
      </summary>
      <p className="mt-2 break-all font-mono text-xs" data-testid="url-preview">
        {decodeURI(url)}
      </p>
      <table className="mt-3 w-full text-left text-xs">
        <caption className="sr-only">URL parameters</caption>
        <thead>
          <tr>
            <th scope="col" className="pr-3">
              Parameter
            </th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {[...parsed.searchParams].map(([name, value]) => (
            <tr key={name}>
              <td className="pr-3 font-mono">{name}</td>
              <td className="break-all font-mono">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-600">
        The server mints the session token with the CDP API key when you continue; the key never
        reaches this page.
      </p>
    </details>
  );
}
