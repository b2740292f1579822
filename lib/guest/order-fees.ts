import { sumFees } from "@/lib/ledger/sum-fees";
import { moneyAmount } from "@/lib/ramp/money-text";

interface Fee {
  amount: string;
  currency: string;
}

/**
 * An order's fees as one figure per currency: "$2.49", or "$1.99 + 0.00002 ETH" when Coinbase
 * charges one in the asset (its schema allows it). Each currency's fees are added as the
 * ledger adds them (exact decimals), never across currencies; the payment's currency first.
 */
export function feesText(fees: Fee[], paymentCurrency: string): string {
  const currencies = new Set([paymentCurrency, ...fees.map((fee) => fee.currency)]);
  const figures = [...currencies].flatMap((currency) => {
    const sum = sumFees(
      fees
        .filter((fee) => fee.currency === currency)
        .map((fee) => ({ value: fee.amount, currency })),
    );
    return sum ? [moneyAmount(sum.value, currency)] : [];
  });
  return figures.length ? figures.join(" + ") : moneyAmount("0", paymentCurrency);
}
