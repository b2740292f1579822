import "server-only";
import { randomBytes } from "node:crypto";
import { getConfig } from "@/lib/config/env";
import type { StoredQuote } from "../cdp/quote-store";
import { processSingleton } from "@/lib/process/singleton";
import { checkQuoteId, quoteMismatch } from "./checkout-quote";
import {
  checkoutAmountProblem,
  recordCheckoutTransaction,
  type CheckoutOutcome,
} from "./checkout-transaction";
import { redeemSessionToken, type SessionGrant } from "./sessions";

export type CheckoutKind = "buy" | "sell";

/** One opened pay page: what the token allows plus the URL's presets. */
export interface Checkout {
  id: string;
  kind: CheckoutKind;
  grant: SessionGrant;
  presets: Record<string, string>;
  redirectUrl?: string;
  /** The quote named by `quoteId`, whose figures the page shows and the transaction uses. */
  quote?: StoredQuote;
  outcome?: CheckoutOutcome;
  /** The transaction finishing this checkout recorded (none without a partner user reference). */
  transactionId?: string;
}

export type OpenResult =
  { ok: true; checkout: Checkout } | { ok: false; title: string; message: string };

const checkouts = processSingleton("sandbox.pay-checkouts", () => new Map<string, Checkout>());

const PRESET_PARAMS = [
  "defaultAsset",
  "defaultNetwork",
  "presetFiatAmount",
  "presetCryptoAmount",
  "fiatCurrency",
  "defaultPaymentMethod",
  "defaultCashoutMethod",
  "defaultExperience",
  "partnerUserId",
  "partnerUserRef",
];

const TOKEN_ERRORS = {
  unknown: {
    title: "This link is not valid",
    message: "The session token is unknown. Go back to the app and start again.",
  },
  used: {
    title: "This link was already used",
    message:
      "Each session token works once. Go back to the app and start again to get a fresh link.",
  },
  expired: {
    title: "This link has expired",
    message: "Session tokens are valid for 5 minutes. Go back to the app and start again.",
  },
} as const;

/** Opens the pay page for `?sessionToken=…`: spends the token, as Coinbase does. */
export function openCheckout(
  kind: CheckoutKind,
  params: URLSearchParams,
  now = Date.now(),
): OpenResult {
  const redirectUrl = params.get("redirectUrl") ?? undefined;
  if (redirectUrl !== undefined && !isAllowedRedirect(redirectUrl)) {
    return {
      ok: false,
      title: "Redirect not allowed",
      message: "redirectUrl is not on this app's domain allowlist.",
    };
  }
  if (kind === "sell") {
    const ref = params.get("partnerUserRef") ?? params.get("partnerUserId") ?? "";
    if (!ref || ref.length >= 50)
      return {
        ok: false,
        title: "Missing user reference",
        message: "A sell needs partnerUserRef (under 50 characters).",
      };
    if (!redirectUrl)
      return { ok: false, title: "Missing redirect", message: "A sell needs redirectUrl." };
  }
  const token = params.get("sessionToken");
  if (!token)
    return {
      ok: false,
      title: "Missing session token",
      message: "This page needs a sessionToken.",
    };
  // A bad quote is refused before the token is spent, so the user can retry with a fresh quote.
  const quoteId = params.get("quoteId");
  const quoted = quoteId ? checkQuoteId(kind, quoteId, now) : undefined;
  if (quoted && !quoted.ok) return quoted;
  const redemption = redeemSessionToken(token, now);
  if (!redemption.ok) return { ok: false, ...TOKEN_ERRORS[redemption.reason] };
  const mismatch = quoted && quoteMismatch(quoted.quote, redemption.grant);
  if (mismatch)
    return { ok: false, title: "This quote does not fit this session", message: mismatch };
  const presets: Record<string, string> = {};
  for (const name of PRESET_PARAMS) {
    const value = params.get(name);
    if (value) presets[name] = value;
  }
  const checkout: Checkout = {
    id: randomBytes(16).toString("base64url"),
    kind,
    grant: redemption.grant,
    presets,
    redirectUrl,
    quote: quoted?.quote,
  };
  checkouts.set(checkout.id, checkout);
  return { ok: true, checkout };
}

/** Why an open checkout's amount cannot be confirmed (its limits), or undefined. */
export function amountProblemOf(id: string): string | undefined {
  const checkout = checkouts.get(id);
  return checkout && !checkout.outcome ? checkoutAmountProblem(checkout) : undefined;
}

/**
 * Completes or cancels a checkout once, recording its transaction; returns where to send the
 * user. The same button pressed again (a double click, a second press on a slow network)
 * sends the user on as the first did, recording nothing more; the other button is refused.
 */
export function finishCheckout(
  id: string,
  outcome: CheckoutOutcome,
  now = Date.now(),
): Checkout | undefined {
  const checkout = checkouts.get(id);
  if (checkout?.outcome) return checkout.outcome === outcome ? checkout : undefined;
  if (!checkout) return undefined;
  // As Coinbase's page would, it does not confirm an amount its limits refuse.
  if (outcome === "completed" && checkoutAmountProblem(checkout)) return undefined;
  checkout.outcome = outcome;
  checkout.transactionId = recordCheckoutTransaction(checkout, outcome, now);
  return checkout;
}

function isAllowedRedirect(value: string): boolean {
  return URL.canParse(value) && getConfig().redirectOrigins.includes(new URL(value).origin);
}
