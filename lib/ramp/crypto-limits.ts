import "server-only";
import { isLimitRefusal } from "@/lib/cdp/limit-errors";
import { fetchQuote } from "@/lib/cdp/quote-api";
import { isAppError } from "@/lib/http/app-error";
import { log } from "@/lib/log/logger";
import { cryptoWorth, referencePayment } from "./crypto-worth";
import { findLimit, limitProblem, type RampOptions, type Side } from "./options";
import type { Quote, QuoteRequest } from "./quote-schema";
import { recentQuote, rememberQuote, type QuoteTerms } from "./recent-quotes";

/** A mint's amount in the asset, with what its limits depend on (the currency: USD if not given). */
export type CryptoOffer = Omit<QuoteTerms, "side" | "fiatCurrency"> &
  Partial<Pick<QuoteTerms, "fiatCurrency">> & { cryptoAmount: string };

/**
 * An amount in the asset outside the method's limits, which are money, in words (as the form
 * says it); else null. Measured as Coinbase measures it (crypto-worth.ts), at the price of a
 * Coinbase quote for the same terms: the latest this instance fetched (recent-quotes.ts), else
 * one asked now and kept. `ask` is for tests.
 */
export async function cryptoLimitProblem(
  side: Side,
  offer: CryptoOffer,
  options: RampOptions,
  ask: (request: QuoteRequest) => Promise<Quote> = fetchQuote,
): Promise<string | null> {
  const { asset, network, method, country, subdivision, cryptoAmount } = offer;
  const fiatCurrency = offer.fiatCurrency ?? "USD";
  if (!findLimit(options, fiatCurrency, method)) return null;
  const terms: QuoteTerms = { side, asset, network, fiatCurrency, method, country, subdivision };
  const priced = recentQuote(terms) ?? (await askQuote(terms, cryptoAmount, options, ask));
  if (priced === null || "refusal" in priced) return priced?.refusal ?? null;
  const worth = cryptoWorth(side, priced, cryptoAmount);
  if (worth === null) return null;
  // A sale's worth is Coinbase's own figure, said beside the limit; a purchase's is an estimate.
  return limitProblem(options, fiatCurrency, method, String(worth), side === "sell");
}

/**
 * Coinbase quotes a purchase from money only: one of a reference payment within the limits
 * gives the price. It quotes a sale from the crypto: the amount itself is asked, and a sale
 * refused for the method's limits is refused in Coinbase's words. A quote Coinbase cannot give
 * now leaves the amount unchecked here (null), as options it cannot give leave the region
 * unchecked (check-offered.ts): its own page still holds the amount to the limits. At most
 * one quote per mint, so the minting limits bound these calls.
 */
async function askQuote(
  terms: QuoteTerms,
  cryptoAmount: string,
  options: RampOptions,
  ask: (request: QuoteRequest) => Promise<Quote>,
): Promise<Quote | { refusal: string } | null> {
  const request: QuoteRequest =
    terms.side === "buy"
      ? {
          ...terms,
          amountIn: "fiat",
          amount: referencePayment(findLimit(options, terms.fiatCurrency, terms.method)),
        }
      : { ...terms, amountIn: "crypto", amount: cryptoAmount };
  try {
    const quote = await ask(request);
    rememberQuote(terms, quote);
    return quote;
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (terms.side === "sell" && isLimitRefusal(error)) return { refusal: error.message };
    log("warn", "crypto_amount_unpriced", {
      side: terms.side,
      asset: terms.asset,
      code: error.code,
    });
    return null;
  }
}
