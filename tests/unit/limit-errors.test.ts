import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { amountWorth } from "../../components/ramp/crypto-estimate";
import { amountLimitProblem } from "../../components/ramp/form-errors";
import type { RampFormValues } from "../../components/ramp/form-state";
import { limitRefusal } from "../../lib/cdp/limit-errors";
import type { RampOptions } from "../../lib/ramp/options";
import type { Quote } from "../../lib/ramp/quote-schema";
import { limitRange, limitText } from "../../lib/ramp/limit-text";

describe("Coinbase's limit refusals, said plainly", () => {
  test("a purchase under the card's minimum: the limit as money, on the amount", () => {
    const error = limitRefusal(
      "payment_amount 1.00 USD is below the CARD minimum of 2.00 USD (limits: 2.00 USD to 7500.00 USD)",
    );
    assert.equal(error?.code, "upstream_rejected");
    assert.equal(error?.message, "The minimum for debit card is $2.00");
    assert.deepEqual(error?.options.issues, [{ path: "amount", message: error?.message }]);
  });

  test("a sale over the cash balance's maximum says what the crypto was worth", () => {
    const error = limitRefusal(
      "sell_amount 100 ETH (worth 300000.00 USD) is above the FIAT_WALLET maximum of 50000.00 USD (limits: 1.00 USD to 50000.00 USD)",
    );
    assert.equal(
      error?.message,
      "The maximum for Coinbase cash balance is $50,000.00 (this amount is worth $300,000.00)",
    );
  });

  test("guest checkout's minimum purchase", () => {
    assert.equal(
      limitRefusal("The minimum purchase is 2 USD.")?.message,
      "The minimum purchase is $2.00",
    );
  });

  test("other refusals are not taken for a limit", () => {
    assert.equal(limitRefusal("purchase_network base is not supported for SOL"), null);
  });

  test("the form's own limit check reads the same", () => {
    assert.equal(
      limitText("max", "APPLE_PAY", "7500.00", "EUR"),
      "The maximum for Apple Pay is €7,500.00",
    );
  });

  test("the limits under the amount are money too, with the figures the messages use", () => {
    const card = { min: "2.00", max: "7500.00" };
    assert.equal(limitRange("CARD", card, "USD", false), "Debit card: $2.00 to $7,500.00.");
    assert.equal(
      limitRange("FIAT_WALLET", { min: "1.00", max: "50000.00" }, "USD", true),
      "Coinbase cash balance: $1.00 to $50,000.00 worth.",
    );
    assert.ok(limitRange("CARD", card, "USD", false).includes("$7,500.00"));
    assert.ok(limitText("max", "CARD", card.max, "USD").endsWith("$7,500.00"));
  });

  describe("a sale typed in crypto, checked by the form against what Coinbase's quote says it is worth", () => {
    const options: RampOptions = {
      source: "coinbase",
      assets: [{ symbol: "ETH", name: "Ethereum", networks: ["ethereum"] }],
      fiatCurrencies: [
        { code: "USD", limits: [{ method: "FIAT_WALLET", min: "1.00", max: "50000.00" }] },
      ],
      methods: ["FIAT_WALLET"],
    };
    const sale = (amount: string): RampFormValues => ({
      asset: "ETH",
      network: "ethereum",
      address: "",
      amountIn: "crypto",
      amount,
      fiatCurrency: "USD",
      method: "FIAT_WALLET",
    });
    const quoteWorth = (subtotal: string): Quote => ({
      quoteId: "q",
      pay: { value: "1", currency: "ETH" },
      receive: { value: "1", currency: "USD" },
      subtotal: { value: subtotal, currency: "USD" },
      coinbaseFee: { value: "0", currency: "USD" },
    });

    test("its worth is the quote's subtotal, the figure Coinbase's limits are checked against", () => {
      assert.equal(amountWorth("sell", sale("100"), quoteWorth("300000.00")), 300000);
      assert.equal(
        amountWorth("sell", { ...sale("100"), amountIn: "fiat" }, quoteWorth("1")),
        null,
      );
      assert.equal(amountWorth("sell", sale("100"), null), null);
    });

    test("over or under the limits, the form says what our API says when Coinbase refuses it", () => {
      const worth = (subtotal: string) => amountWorth("sell", sale("1"), quoteWorth(subtotal));
      assert.equal(
        amountLimitProblem("sell", sale("100"), options, worth("300000.00")),
        limitRefusal(
          "sell_amount 100 ETH (worth 300000.00 USD) is above the FIAT_WALLET maximum of 50000.00 USD (limits: 1.00 USD to 50000.00 USD)",
        )?.message,
      );
      assert.equal(
        amountLimitProblem("sell", sale("0.0001"), options, worth("0.30")),
        limitRefusal(
          "sell_amount 0.0001 ETH (worth 0.30 USD) is below the FIAT_WALLET minimum of 1.00 USD (limits: 1.00 USD to 50000.00 USD)",
        )?.message,
      );
      assert.equal(
        amountLimitProblem("sell", sale("0.0001"), options, worth("0.30")),
        "The minimum for Coinbase cash balance is $1.00 (this amount is worth $0.30)",
      );
      assert.equal(amountLimitProblem("sell", sale("1"), options, worth("3000.00")), null);
    });
  });
});
