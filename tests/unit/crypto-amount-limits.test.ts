import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mapCdpStatus } from "../../lib/cdp/cdp-errors";
import { buyQuoteBody, fromBuyQuote, fromSellQuote, sellQuoteBody } from "../../lib/cdp/quote-api";
import { upstreamError } from "../../lib/http/upstream-errors";
import { cryptoLimitProblem, type CryptoOffer } from "../../lib/ramp/crypto-limits";
import { cryptoWorth } from "../../lib/ramp/crypto-worth";
import type { RampOptions } from "../../lib/ramp/options";
import type { Quote, QuoteRequest } from "../../lib/ramp/quote-schema";
import { rememberQuote } from "../../lib/ramp/recent-quotes";
import { createBuyQuote } from "../../lib/sandbox/cdp/buy-quote";
import { fixed } from "../../lib/sandbox/cdp/decimal";
import { methodLimit } from "../../lib/sandbox/cdp/limits";
import { priceBuyByCrypto } from "../../lib/sandbox/cdp/pricing";
import { createSellQuote } from "../../lib/sandbox/cdp/sell-quote";

/**
 * An amount in the asset held to the method's limits, which are money, before minting
 * (lib/ramp/crypto-limits.ts). Coinbase is the sandbox's quote APIs (ETH at 3,000 USD, a card
 * 2 to 7,500 USD, the cash balance 1 to 50,000 USD), their refusals turned into our errors by
 * lib/cdp's own mapping. The recent quotes are kept per process: each test asks in a US state
 * of its own.
 */

const OPTIONS: RampOptions = {
  source: "coinbase",
  assets: [{ symbol: "ETH", name: "Ethereum", networks: ["ethereum", "base"] }],
  fiatCurrencies: [
    {
      code: "USD",
      limits: [
        { method: "CARD", min: "2.00", max: "7500.00" },
        { method: "FIAT_WALLET", min: "1.00", max: "50000.00" },
      ],
    },
  ],
  methods: ["CARD", "FIAT_WALLET"],
};

/** Coinbase's buy and sell quote APIs as the sandbox answers them; each request asked is kept. */
function coinbase() {
  const asked: QuoteRequest[] = [];
  const ask = async (q: QuoteRequest): Promise<Quote> => {
    asked.push(q);
    if (q.side === "buy") {
      const r = createBuyQuote(buyQuoteBody(q));
      if (!r.ok) throw mapCdpStatus(400, { message: r.message }, null);
      return fromBuyQuote(r.value);
    }
    const r = createSellQuote(sellQuoteBody(q));
    if (!r.ok) throw mapCdpStatus(400, { message: r.message }, null);
    return fromSellQuote(r.value);
  };
  return { ask, asked };
}

const buyIn = (subdivision: CryptoOffer["subdivision"], cryptoAmount: string): CryptoOffer => ({
  asset: "ETH",
  network: "ethereum",
  fiatCurrency: "USD",
  method: "CARD",
  country: "US",
  subdivision,
  cryptoAmount,
});
const sellIn = (subdivision: CryptoOffer["subdivision"], cryptoAmount: string): CryptoOffer => ({
  ...buyIn(subdivision, cryptoAmount),
  network: "base",
  method: "FIAT_WALLET",
});

describe("an amount in the asset against the method's limits", () => {
  test("a purchase: priced by one reference quote, refused below and above the card's limits", async () => {
    const { ask, asked } = coinbase();
    const check = (amount: string) => cryptoLimitProblem("buy", buyIn("NJ", amount), OPTIONS, ask);
    assert.equal(await check("0.0001"), "The minimum for debit card is $2.00");
    assert.equal(await check("3"), "The maximum for debit card is $7,500.00");
    assert.equal(await check("0.01"), null);
    // One quote, of a payment Coinbase can quote (purchases are quoted from money only), kept.
    assert.equal(asked.length, 1);
    assert.deepEqual([asked[0]?.amountIn, asked[0]?.amount], ["fiat", "100"]);
  });

  test("a purchase is refused exactly when Coinbase's checkout would refuse what it costs", async () => {
    const { ask } = coinbase();
    const card = methodLimit("CARD", "USD")!;
    const terms = { asset: "ETH", network: "ethereum", currency: "USD", method: "CARD" } as const;
    // Either side of each limit, a few cents or more away from it (the cost is an estimate).
    for (const amount of ["0.0001", "0.0003", "0.0005", "0.001", "2.3", "2.4", "2.5", "40"]) {
      const cost = fixed(priceBuyByCrypto(terms, fixed(amount)).payment_total.value);
      const coinbaseRefuses = cost < card.min || cost > card.max;
      const problem = await cryptoLimitProblem("buy", buyIn("NV", amount), OPTIONS, ask);
      assert.equal(problem !== null, coinbaseRefuses, `${amount} ETH: ${problem}`);
    }
  });

  test("a sale: the amount itself is quoted, and Coinbase's refusal for its limits is the answer", async () => {
    const { ask, asked } = coinbase();
    const check = (amount: string) =>
      cryptoLimitProblem("sell", sellIn("NM", amount), OPTIONS, ask);
    const overMaximum =
      "The maximum for Coinbase cash balance is $50,000.00 (this amount is worth $60,000.00)";
    assert.equal(await check("20"), overMaximum);
    assert.deepEqual([asked[0]?.amountIn, asked[0]?.amount], ["crypto", "20"]);
    // A refusal prices nothing: the next amount is asked too, and its quote is kept.
    assert.equal(await check("1"), null);
    assert.equal(asked.length, 2);
    // Priced from the kept quote, said as Coinbase says it.
    assert.equal(await check("20"), overMaximum);
    assert.equal(
      await check("0.0001"),
      "The minimum for Coinbase cash balance is $1.00 (this amount is worth $0.30)",
    );
    assert.equal(asked.length, 2);
  });

  test("a quote /api/quote fetched for the same terms prices the amount: Coinbase is not asked", async () => {
    const { ask: quote } = coinbase();
    const request: QuoteRequest = {
      side: "buy",
      asset: "ETH",
      network: "ethereum",
      amount: "250",
      amountIn: "fiat",
      fiatCurrency: "USD",
      method: "CARD",
      country: "US",
      subdivision: "OR",
    };
    rememberQuote(request, await quote(request));
    const never = async (): Promise<Quote> => assert.fail("Coinbase asked again");
    const check = (amount: string) =>
      cryptoLimitProblem("buy", buyIn("OR", amount), OPTIONS, never);
    assert.equal(await check("5"), "The maximum for debit card is $7,500.00");
    assert.equal(await check("0.5"), null);
    // Other terms (another state) are not priced by it.
    await assert.rejects(cryptoLimitProblem("buy", buyIn("ID", "5"), OPTIONS, never));
  });

  test("when Coinbase cannot quote, the amount is left to its page; nothing is kept", async () => {
    let asked = 0;
    const down = async (): Promise<Quote> => {
      asked++;
      throw upstreamError();
    };
    assert.equal(await cryptoLimitProblem("buy", buyIn("UT", "1000"), OPTIONS, down), null);
    assert.equal(await cryptoLimitProblem("sell", sellIn("UT", "1000"), OPTIONS, down), null);
    assert.equal(await cryptoLimitProblem("buy", buyIn("UT", "1000"), OPTIONS, down), null);
    assert.equal(asked, 3);
    // A bug of ours is not an outage: it is not swallowed.
    const broken = async (): Promise<Quote> => {
      throw new TypeError("bug");
    };
    await assert.rejects(cryptoLimitProblem("buy", buyIn("WY", "1"), OPTIONS, broken), TypeError);
  });

  test("without a limit for the method in the currency there is nothing to check, nor to ask", async () => {
    const never = async (): Promise<Quote> => assert.fail("Coinbase asked");
    const inEuros = { ...buyIn("VT", "1000"), fiatCurrency: "EUR" as const };
    assert.equal(await cryptoLimitProblem("buy", inEuros, OPTIONS, never), null);
    const byPaypal = { ...buyIn("VT", "1000"), method: "PAYPAL" };
    assert.equal(await cryptoLimitProblem("buy", byPaypal, OPTIONS, never), null);
  });
});

describe("what an amount in the asset is worth", () => {
  const sale: Quote = {
    quoteId: "q",
    pay: { value: "0.03000000", currency: "ETH" },
    receive: { value: "89.11", currency: "USD" },
    subtotal: { value: "90.00", currency: "USD" },
    coinbaseFee: { value: "0.89", currency: "USD" },
  };

  test("a sale at the quote's rate before the fee, to the currency's own decimals", () => {
    assert.equal(cryptoWorth("sell", sale, "0.03"), 90);
    assert.equal(cryptoWorth("sell", sale, "0.0000123"), 0.04);
    const inYen = { ...sale, subtotal: { value: "14000", currency: "JPY" } };
    assert.equal(cryptoWorth("sell", inYen, "0.001"), 467);
  });

  test("a quote that gives no price gives no worth", () => {
    assert.equal(cryptoWorth("sell", { ...sale, pay: { value: "0", currency: "ETH" } }, "1"), null);
  });
});
