import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { limitRefusal } from "../../lib/cdp/limit-errors";
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
});
