"use client";

import { useState } from "react";
import type { Region } from "@/lib/ramp/countries";
import type { RampOptions } from "@/lib/ramp/options";
import { estimatedCost } from "@/lib/ramp/crypto-worth";
import { referenceRequest } from "./crypto-estimate";
import {
  type RampFormValues,
  type Side,
  sameQuoteRequest,
  toQuoteRequest,
  typedAmount,
} from "./form-state";
import { estimatedSale, saleReferenceRequest } from "./sale-estimate";
import { useQuote } from "./use-quote";

/**
 * The quote the buy/sell form asks for its values: Coinbase's quote for exactly them, or, for
 * an amount Coinbase cannot quote in that unit, a reference quote and the estimate from it.
 */
export function useFormQuote(
  side: Side,
  values: RampFormValues,
  region: Region,
  options: RampOptions,
) {
  // A purchase typed in the asset, or a sale typed in the currency, is priced from a
  // reference quote (crypto-estimate.ts, sale-estimate.ts).
  const buyEstimate = side === "buy" && values.amountIn === "crypto";
  const saleEstimate = side === "sell" && values.amountIn === "fiat";
  const estimating = buyEstimate || saleEstimate;
  // The sale's reference amounts are tried in turn until Coinbase quotes one; anew for
  // another asset, method, currency or region.
  const saleKey = JSON.stringify(saleReferenceRequest(values, region, 0));
  const [saleStep, setSaleStep] = useState({ key: saleKey, step: 0 });
  const step = saleStep.key === saleKey ? saleStep.step : 0;
  const quoteRequest = buyEstimate
    ? referenceRequest(values, region, options)
    : saleEstimate
      ? saleReferenceRequest(values, region, step)
      : toQuoteRequest(side, values, region);
  const quote = useQuote(quoteRequest);
  const current =
    quote.state.status === "ready" && sameQuoteRequest(quote.forRequest, quoteRequest)
      ? quote.state.value
      : null;
  const estimate = !current
    ? null
    : buyEstimate
      ? estimatedCost(current, values.amount)
      : saleEstimate
        ? estimatedSale(current, typedAmount(values))
        : null;
  // A reference refused says nothing of the user's amount (the server's check ignores it too,
  // lib/ramp/crypto-limits.ts): a sale's next one is tried at once; a purchase shows no estimate.
  const referenceRefused =
    estimating &&
    quote.state.status === "error" &&
    quote.state.refused &&
    sameQuoteRequest(quote.forRequest, quoteRequest);
  // Set while rendering (React's way to follow a change): the refusal is for the old request.
  if (referenceRefused && saleEstimate) setSaleStep({ key: saleKey, step: step + 1 });
  return { quote, quoteRequest, current, estimating, saleEstimate, estimate, referenceRefused };
}
