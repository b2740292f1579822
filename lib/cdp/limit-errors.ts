import "server-only";
import { AppError } from "@/lib/http/app-error";
import { limitText } from "@/lib/ramp/limit-text";
import { moneyAmount } from "@/lib/ramp/money-text";

/**
 * Coinbase refuses an amount outside a method's limits in its own words ("payment_amount
 * 1.00 USD is below the CARD minimum of 2.00 USD (limits: …)", "The minimum purchase is 2
 * USD."). Field names and method ids mean nothing to a user: the refusal keeps its code
 * (`upstream_rejected`) and says the limit plainly, as money, with an issue on `amount` so
 * that a form shows it at the amount field. Anything else is not recognised (null).
 */
const METHOD_LIMIT =
  /(?:\(worth ([\d.,]+) ([A-Z]{3})\) )?is (below|above) the ([A-Z_]+) (?:minimum|maximum) of ([\d.,]+) ([A-Z]{3})/;
const PURCHASE_MINIMUM = /minimum purchase is ([\d.,]+) ([A-Z]{3})/i;

export function limitRefusal(coinbaseMessage: string): AppError | null {
  const message = plainLimit(coinbaseMessage);
  return message
    ? new AppError("upstream_rejected", message, { issues: [{ path: "amount", message }] })
    : null;
}

/** Whether `error` is Coinbase refusing an amount for a method's limits (`limitRefusal`). */
export function isLimitRefusal(error: AppError): boolean {
  return (
    error.code === "upstream_rejected" && !!error.options.issues?.some((i) => i.path === "amount")
  );
}

function plainLimit(said: string): string | null {
  const method = METHOD_LIMIT.exec(said);
  if (method) {
    const [, worth, worthCurrency, side, id, limit, currency] = method;
    // An amount in crypto is measured by its worth: said as the form says it.
    return limitText(
      side === "below" ? "min" : "max",
      id!,
      figure(limit!),
      currency!,
      worth ? { value: figure(worth), currency: worthCurrency! } : undefined,
    );
  }
  const purchase = PURCHASE_MINIMUM.exec(said);
  if (purchase) return `The minimum purchase is ${moneyAmount(figure(purchase[1]!), purchase[2]!)}`;
  return null;
}

const figure = (text: string) => text.replaceAll(",", "");
