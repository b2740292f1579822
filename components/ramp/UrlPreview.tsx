"use client";

import { buildBuyUrl } from "@/lib/ramp/buy-url";
import { buildSellUrl } from "@/lib/ramp/sell-url";
import { type RampFormValues, type Side, toRequestBody } from "./form-state";

const TOKEN_PLACEHOLDER = "<minted-on-submit>";

/**
 * Shows the partner the Coinbase URL these values produce, parameter by parameter. The
 * session token is a placeholder: it is minted on the server only when the user submits.
 */
export function UrlPreview(props: { side: Side; values: RampFormValues; payBaseUrl: string; redirectUrl: string; partnerUserRef: string }) {
  const body = { ...toRequestBody(props.side, props.values, props.partnerUserRef), redirectUrl: props.redirectUrl };
  const url =
    props.side === "buy"
      ? buildBuyUrl(props.payBaseUrl, TOKEN_PLACEHOLDER, body as Parameters<typeof buildBuyUrl>[2])
      : buildSellUrl(props.payBaseUrl, TOKEN_PLACEHOLDER, body as Parameters<typeof buildSellUrl>[2]);
  const parsed = new URL(url);
  return (
    <details className="rounded-lg border border-slate-200 p-3 text-sm">
      <summary className="cursor-pointer font-medium">Details for developers: the URL this builds</summary>
      <p className="mt-2 break-all font-mono text-xs" data-testid="url-preview">
        {decodeURI(url)}
      </p>
      <table className="mt-3 w-full text-left text-xs">
        <caption className="sr-only">URL parameters</caption>
        <thead>
          <tr>
            <th scope="col" className="pr-3">Parameter</th>
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
        The server mints the session token with the CDP API key when you continue; the key never reaches this page.
      </p>
    </details>
  );
}
