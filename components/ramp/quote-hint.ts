import { isPlainDecimal } from "@/lib/ramp/typed-decimal";
import { otherCurrencySign, otherCurrencyText } from "@/lib/ramp/typed-money";
import { typedAmount, type RampFormValues, type Side } from "./form-state";

/** What the quote panel says while there is no quote: why, and what would bring one. */
export function quoteHint(side: Side, values: RampFormValues): string {
  const typed = typedAmount(values);
  const sign = values.amountIn === "fiat" && otherCurrencySign(values.amount, values.fiatCurrency);
  if (sign) return otherCurrencyText(sign, values.fiatCurrency);
  // Something that is no plain number ("50 dollars", "1,000" of an asset): the quote waits for one.
  if (typed !== "" && !isPlainDecimal(typed))
    return "Write the amount as a plain number, e.g. 25 or 25.50, to see what you receive.";
  if (side === "buy")
    return values.amountIn === "fiat"
      ? "Enter an amount to see what you receive."
      : typed === ""
        ? `Enter an amount to see about what it costs in ${values.fiatCurrency}.`
        : // An amount typed and still no estimate: Coinbase did not quote the reference amount.
          `No estimate for this amount: Coinbase shows what it costs on its page.`;
  if (values.amountIn === "crypto") return "Enter how much to sell to see what you receive.";
  // An amount typed and still no estimate: Coinbase quoted none of the reference amounts.
  return typed === ""
    ? `Enter an amount to see about how much ${values.asset} you sell.`
    : `No estimate for this amount: Coinbase shows how much ${values.asset} on its page.`;
}
