import "server-only";
import {
  findSellTransaction,
  sellExpired,
  transactionExists,
  type SellTransaction,
} from "../cdp/transactions";
import { getConfig } from "@/lib/config/env";
import { openCheckout, type CheckoutKind, type OpenResult } from "./checkouts";

/**
 * What the sandbox pay pages show, as data: the pages in app/sandbox/pay pick the
 * component for each outcome, so lib/ never imports UI.
 */

/** A page's query as Next hands it over. */
export type SearchParams = Record<string, string | string[] | undefined>;

export type DepositPageResult =
  { ok: true; sell: SellTransaction } | { ok: false; title: string; message: string };

/** The buy or sell pay page: opens the checkout its URL names (a repeated parameter counts as absent). */
export function openCheckoutPage(
  kind: CheckoutKind,
  search: SearchParams,
  now = Date.now(),
): OpenResult {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(search)) {
    if (typeof value === "string") params.set(name, value);
  }
  return openCheckout(kind, params, now);
}

/**
 * Where a pay page that cannot open sends the user: the app's own page to start again, on the
 * app's origin (the sandbox runs inside the app), never an address taken from the query.
 */
export function startAgainUrl(kind: CheckoutKind): string {
  return `${getConfig().appUrl}/${kind}`;
}

/** `/sandbox/pay/deposit?transactionId=…`: the pending sale to deposit for, or why there is none. */
export function depositPage(search: SearchParams, now = Date.now()): DepositPageResult {
  const id = search.transactionId;
  if (typeof id !== "string" || id === "") {
    return { ok: false, title: "Missing transaction", message: "This page needs a transactionId." };
  }
  const sell = findSellTransaction(id, now);
  if (!sell && transactionExists(id)) {
    return {
      ok: false,
      title: "Not a sale",
      message: "This transaction is a buy: only a sale waits for a deposit.",
    };
  }
  if (!sell) {
    return {
      ok: false,
      title: "Unknown transaction",
      message: "No sale has this transaction id. Go back to the app and start the sale again.",
    };
  }
  if (sellExpired(id, now)) {
    return {
      ok: false,
      title: "This sale has expired",
      message:
        "The crypto did not arrive in time, so Coinbase closed the sale: a deposit for it is refused. Do not send crypto to its address; start a new sale in the app for a fresh one.",
    };
  }
  if (sell.status === "ONRAMP_TRANSACTION_STATUS_FAILED") {
    return {
      ok: false,
      title: "This sale was cancelled",
      message: "There is nothing to deposit: do not send crypto for this sale.",
    };
  }
  return { ok: true, sell };
}
