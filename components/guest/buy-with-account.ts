"use client";

import { draftKey, isDraft, saveDraft } from "@/components/ramp/draft";
import { asIs, readSessionDraft } from "@/components/shared/session-draft";
import type { Prefill } from "@/lib/guest/prefill";
import { guessRegion } from "@/lib/ramp/countries";

/**
 * Hands the guest purchase to /buy, for a user guest checkout refused: kept as /buy's own draft
 * (components/ramp/draft.ts), /buy opens with it as it does after signing in, rather than
 * blank. The amount is in US dollars, as here. The region and payment method stay as the user
 * left them on /buy, if they did in the US; else /buy's own first guess for the US.
 */
export function keepForBuy(purchase: Prefill): void {
  const kept = readSessionDraft(draftKey("buy"), asIs(isDraft));
  const inUs = kept?.region.country === "US" ? kept : null;
  saveDraft("buy", {
    region: inUs?.region ?? guessRegion("en-US"),
    values: {
      asset: purchase.asset,
      network: purchase.network,
      address: purchase.address,
      amountIn: "fiat",
      amount: purchase.amount,
      fiatCurrency: "USD",
      // Empty: /buy picks the first method the region offers.
      method: inUs?.values.method ?? "",
    },
  });
}
