import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { localErrors } from "../../components/ramp/form-errors";
import { toRequestBody, type RampFormValues } from "../../components/ramp/form-state";
import { quoteHint } from "../../components/ramp/quote-hint";
import * as validation from "../../components/ramp/validation";
import { isPlainDecimal } from "../../lib/ramp/typed-decimal";
import { otherCurrencySign, typedMoney } from "../../lib/ramp/typed-money";

const region = { country: "US", subdivision: "NY" };
const purchase = (amount: string, over: Partial<RampFormValues> = {}): RampFormValues => ({
  asset: "USDC",
  network: "base",
  address: "0x52908400098527886E0F7030069857D2E4169EE7",
  amountIn: "fiat",
  amount,
  fiatCurrency: "USD",
  method: "CARD",
  ...over,
});
const amountError = (values: RampFormValues) =>
  localErrors(validation, { side: "buy", body: toRequestBody("buy", values, region), values })
    .amount;

describe("a money amount typed as people write it", () => {
  test("the currency's own sign in front goes, with the spaces after it", () => {
    for (const [typed, currency, read] of [
      ["$20", "USD", "20"],
      [" $ 20.50 ", "USD", "20.50"],
      ["US$20", "USD", "20"],
      ["$20", "CAD", "20"],
      ["CA$20", "CAD", "20"],
      ["€20", "EUR", "20"],
      ["€ 12,50", "EUR", "12.50"],
      ["£5", "GBP", "5"],
    ] as const)
      assert.equal(typedMoney(typed, currency), read, `${typed} in ${currency}`);
  });

  test("the currency's own code after the figures goes, as the quick amounts write it", () => {
    for (const [typed, currency, read] of [
      ["20 USD", "USD", "20"],
      ["20usd", "USD", "20"],
      ["1,000.50 USD", "USD", "1000.50"],
      ["12,50 EUR", "EUR", "12.50"],
    ] as const)
      assert.equal(typedMoney(typed, currency), read, `${typed} in ${currency}`);
    // Another currency's code, or a code alone: left as typed, for the checks to refuse.
    for (const typed of ["20 EUR", "USD", "20 dollars"])
      assert.equal(typedMoney(typed, "USD"), typed, typed);
  });

  test("commas that group thousands as en-US writes them go: money has no third decimal", () => {
    for (const [typed, read] of [
      ["1,000", "1000"],
      ["$1,000.50", "1000.50"],
      ["12,345,678", "12345678"],
      ["1,00", "1.00"], // a comma keypad's decimals, as before
    ] as const)
      assert.equal(typedMoney(typed, "USD"), read, typed);
    // Not en-US groups: left as typed, for the checks to refuse rather than guess.
    for (const typed of ["1,0000,000", "12,34,567", "1.000,50", "1,000.5.0", "$", "20$"])
      assert.equal(typedMoney(typed, "USD"), typed, typed);
    assert.equal(isPlainDecimal(typedMoney("$$20", "USD")), false);
    // After a lone 0, a comma is a comma keypad's point: "0,500" is half a dollar, never 500.
    for (const [typed, read] of [
      ["0,500", "0.500"],
      ["$0,125", "0.125"],
      ["0,50", "0.50"],
    ] as const)
      assert.equal(typedMoney(typed, "USD"), read, typed);
  });

  test("another currency's sign is left as typed, and named", () => {
    for (const [typed, currency, sign] of [
      ["€20", "USD", "€"],
      ["$20", "EUR", "$"],
      ["CA$20", "USD", "CA$"],
      ["£ 5", "EUR", "£"],
      ["¥2000", "USD", "¥"],
    ] as const) {
      assert.equal(typedMoney(typed, currency), typed.trim(), typed);
      assert.equal(otherCurrencySign(typed, currency), sign, typed);
    }
    assert.equal(otherCurrencySign("$20", "USD"), null);
    assert.equal(otherCurrencySign("20", "USD"), null);
  });
});

describe("the buy form's money amount", () => {
  test("'$20' and '$1,000.50' go to the API as the plain decimals it takes, and pass its checks", () => {
    for (const [typed, sent] of [
      ["$20", "20"],
      ["$1,000.50", "1000.50"],
      ["1,000", "1000"],
    ] as const) {
      assert.equal(toRequestBody("buy", purchase(typed), region).fiatAmount, sent, typed);
      assert.equal(amountError(purchase(typed)), undefined, typed);
      assert.match(quoteHint("buy", purchase(typed)), /^Enter an amount/, typed);
    }
  });

  test("another currency's sign says so, at the field and in the price panel", () => {
    const said =
      "The amount is in USD, and € is another currency's sign: enter the amount in USD, e.g. 25.50";
    assert.equal(amountError(purchase("€20")), said);
    assert.equal(quoteHint("buy", purchase("€20")), said);
    assert.match(amountError(purchase("$20", { fiatCurrency: "EUR" })) ?? "", /in EUR, and \$ is/);
  });

  test("an amount in the asset keeps its rules: a lone comma group may be a decimal there", () => {
    const crypto = purchase("1,000", { amountIn: "crypto" });
    assert.equal(toRequestBody("buy", crypto, region).cryptoAmount, "1,000");
    assert.match(amountError(crypto) ?? "", /leave out thousands separators/);
  });
});
