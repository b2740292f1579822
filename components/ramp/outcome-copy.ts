import type { Side } from "@/lib/ramp/options";
import type { Outcome } from "@/lib/ramp/transactions";

/** The completion page's headline and next step for each outcome, per side. */
export const OUTCOME_COPY: Record<Side, Record<Outcome, { headline: string; next: string }>> = {
  buy: {
    started: {
      headline: "Purchase started",
      next: "Coinbase has not reported on it yet: this page updates by itself. If you left Coinbase's page before paying, nothing was charged.",
    },
    created: {
      headline: "Purchase started",
      // Coinbase's docs do not say whether a purchase is paid yet when Coinbase reports it created.
      next: "Coinbase has recorded the purchase and has not reported its payment yet: this page updates by itself. If you left Coinbase's page before paying, nothing was charged.",
    },
    awaiting_payment: {
      headline: "Purchase not paid yet",
      next: "Coinbase has not received a payment for it, so nothing was charged. If you just paid, this page updates by itself.",
    },
    in_progress: {
      headline: "Purchase in progress",
      next: "Coinbase sends the crypto to your wallet once the payment clears; it usually arrives within minutes, and Coinbase emails a receipt.",
    },
    awaiting_deposit: { headline: "Purchase in progress", next: "This page updates by itself." },
    success: {
      headline: "Purchase complete",
      next: "Coinbase sent the crypto to your wallet, and emails a receipt. Check your wallet on the network shown.",
    },
    failed: {
      headline: "The purchase failed",
      next: "Nothing was bought. Try again, or with another payment method; Coinbase's email says more.",
    },
    cancelled: {
      headline: "Purchase cancelled",
      next: "You cancelled on Coinbase's page: nothing was charged. Start again whenever you like.",
    },
    // Only a sale waits for the user's crypto; here for completeness.
    expired: {
      headline: "Purchase expired",
      next: "Coinbase closed it before it was paid, so nothing was charged. Start again whenever you like.",
    },
    // Past the session token's life, not failed: a user who paid must not pay twice.
    not_completed: {
      headline: "Purchase not completed",
      next: "Coinbase has not reported a purchase from this start. If you left its page without paying, nothing was charged: start again whenever you like. If you did pay, do not pay again: this status changes once Coinbase reports it.",
    },
    replaced: {
      headline: "Order replaced",
      // Changed by the user, or placed late by a second tab replacing the same order.
      next: "Another order took its place before it was paid for, so nothing was charged: that order is the one to follow.",
    },
    // A sale's only: a purchase never waits for a deposit.
    deposit_overdue: { headline: "Purchase not completed", next: "Nothing was charged." },
  },
  sell: {
    started: {
      headline: "Sale started",
      next: "Coinbase has not reported on it yet: this page updates by itself.",
    },
    created: { headline: "Sale started", next: "This page updates by itself." },
    // Guest orders only, which are purchases.
    awaiting_payment: { headline: "Sale started", next: "This page updates by itself." },
    in_progress: {
      headline: "Sale in progress",
      next: "Coinbase has your crypto and is paying out; this page updates by itself.",
    },
    awaiting_deposit: {
      headline: "Send your crypto to finish the sale",
      next: "A sale finishes when your crypto reaches Coinbase: send it from your wallet as shown, then Coinbase pays out.",
    },
    success: {
      headline: "Sale complete",
      next: "Coinbase received your crypto and paid out to the method you chose.",
    },
    failed: {
      headline: "The sale failed",
      // Coinbase's docs do not say what becomes of crypto sent for a failed sale: no promise.
      next: "Nothing was paid out. If you sent crypto for it, contact Coinbase support with the hash of your send; Coinbase's email may say more.",
    },
    cancelled: {
      headline: "Sale cancelled",
      next: "You cancelled on Coinbase's page: send nothing. Start again whenever you like.",
    },
    expired: {
      headline: "The sale expired",
      next: "Coinbase closed the sale and its deposit address, so nothing will be paid out: do not send crypto for it. To sell, start a new sale: it gets a fresh address.",
    },
    not_completed: {
      headline: "Sale not completed",
      next: "Coinbase has not reported a sale from this start: send nothing. Start again whenever you like; if you finished the sale on Coinbase's page, this status changes once Coinbase reports it.",
    },
    // Guest orders only, which are purchases.
    replaced: { headline: "Sale replaced", next: "Send nothing for it." },
    // Its deposit address may have run out, and a report Coinbase sent may have been missed:
    // the page no longer shows where to send.
    deposit_overdue: {
      headline: "Your crypto has not reached Coinbase",
      next: "This sale has waited over 30 minutes for your crypto, and its deposit address may no longer take it: send nothing more for it. If you sent it already, do not send it again: this page updates when Coinbase reports it. To sell, start a new sale: it gets a fresh address.",
    },
  },
};

type Copy = { headline: string; next: string };

// A sale Coinbase closed though the user sent crypto for it (the send's hash is known): "send
// nothing" would be wrong, and alarming. Coinbase's docs do not say what becomes of crypto
// that reaches a closed sale, so the page says none of that: it points to Coinbase's support,
// hash in hand.
const SENT_FOR_CLOSED_SALE: Partial<Record<Outcome, Copy>> = {
  expired: {
    headline: "The sale expired, but your crypto was sent",
    next: "You sent crypto for this sale around or after its 30 minutes ran out, and Coinbase closed the sale: nothing has been paid out for it. For the crypto you sent, contact Coinbase support with the transaction hash shown here. Do not send more for this sale.",
  },
  failed: {
    headline: "The sale failed, but your crypto was sent",
    next: "Coinbase reports the sale failed after you sent crypto for it: nothing has been paid out for it. For the crypto you sent, contact Coinbase support with the transaction hash shown here. Do not send more for this sale.",
  },
};

/** The headline and next step of an outcome: for a sale, also whether crypto was sent for it. */
export function outcomeCopy(side: Side, outcome: Outcome, txHash: string | undefined): Copy {
  const sent = side === "sell" && txHash ? SENT_FOR_CLOSED_SALE[outcome] : undefined;
  return sent ?? OUTCOME_COPY[side][outcome];
}

/**
 * What the user gives, as the completion page names it: a purchase Coinbase is sending the
 * crypto for is paid already ("You paid"); a sale is "sold" once its money has been sent.
 */
export function receivedLabel(side: Side, outcome: Outcome): string {
  if (outcome === "success") return "You received";
  // Until Coinbase reports, a sale typed in money holds the worth asked, before Coinbase's fee:
  // not what reaches the user.
  if (side === "sell" && outcome === "started") return "Worth, before fees";
  return "You receive";
}

export function spentLabel(side: Side, outcome: Outcome): string {
  if (side === "buy")
    return outcome === "in_progress" || outcome === "success" ? "You paid" : "You pay";
  return outcome === "success" ? "You sold" : "You sell";
}
