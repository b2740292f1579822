import "server-only";
import { ASSETS, FIAT_CURRENCIES, type AssetSymbol } from "@/lib/ramp/catalog";
import { checkAddress } from "@/lib/ramp/addresses";
import { format, mul, parseFixed, round } from "@/lib/sandbox/cdp/decimal";
import { spotPrice } from "@/lib/sandbox/cdp/market";
import {
  remainingCents,
  fromCents,
  sendDecimals,
  toCents,
  tooManyDecimals,
  type SendLimit,
} from "@/lib/oauth/send-limit";
import { EMAIL } from "@/lib/oauth/recipient";
import type { SandboxSend } from "./sends";

/** The checked body of `POST /v2/accounts/{id}/transactions` with `type: "send"`. */
export interface SendRequest {
  to: string;
  amount: string;
  currency: string;
  network: string;
  description?: string;
  idem?: string;
}

export type Refusal = { status: number; id: string; message: string };

/**
 * The body as Coinbase checks it, against the account it sends from. Refusals carry the ids
 * of Coinbase's published error list (`param_required`, `validation_error`), never ids of
 * our own: the app must cope with what Coinbase really says.
 */
export function readSendBody(body: unknown, accountCurrency: string): SendRequest | Refusal {
  const bad = (message: string): Refusal => ({ status: 400, id: "validation_error", message });
  if (typeof body !== "object" || body === null) return bad("The body must be a JSON object");
  const b = body as Record<string, unknown>;
  const missing = ["type", "to", "amount", "currency"].find((name) => b[name] === undefined);
  if (missing)
    return { status: 400, id: "param_required", message: `Required parameter missing: ${missing}` };
  if (b.type !== "send") return bad("type must be send");
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  const asset = ASSETS.find((a) => a.symbol === accountCurrency);
  if (!asset) return bad(`This sandbox cannot send ${accountCurrency}`);
  if (text(b.currency) !== accountCurrency) {
    return bad(`currency must be the account's currency, ${accountCurrency}`);
  }
  const network = text(b.network) ?? asset.networks[0];
  if (!(asset.networks as readonly string[]).includes(network)) {
    return bad(`${accountCurrency} cannot be sent on ${network}`);
  }
  const amount = text(b.amount) ?? "";
  const value = parseFixed(amount, 8);
  if (value === undefined || value <= 0n) return bad("amount must be a positive decimal");
  // Coinbase's words for an amount finer than the currency takes.
  if (tooManyDecimals(amount, accountCurrency)) {
    return bad(`${accountCurrency} can only have up to ${sendDecimals(accountCurrency)} decimals`);
  }
  const to = text(b.to)?.trim() ?? "";
  if (!EMAIL.test(to)) {
    const check = checkAddress(network, to);
    if (!check.ok) return bad(check.reason);
  }
  const idem = text(b.idem);
  if (idem !== undefined && !/^[0-9a-f-]{1,100}$/.test(idem)) {
    return bad("idem must be a lowercase UUID");
  }
  const description = text(b.description)?.slice(0, 200);
  return { to, amount, currency: accountCurrency, network, idem, description };
}

/** The body a code approves: the same request, field for field. */
export function canonicalBody(request: SendRequest): string {
  const { to, amount, currency, network, description, idem } = request;
  return JSON.stringify({ to, amount, currency, network, description, idem });
}

/**
 * The send's value in the limit's currency (in USD, the sandbox user's own, without a
 * limit). Undefined for a currency the sandbox has no rate for: never valued as USD.
 */
export function nativeValue(request: Pick<SendRequest, "amount" | "currency">, limit?: SendLimit) {
  const fiat = FIAT_CURRENCIES.find((f) => f.code === (limit?.currency ?? "USD"))?.code;
  if (!fiat) return undefined;
  const value = mul(
    parseFixed(request.amount, 8)!,
    spotPrice(request.currency as AssetSymbol, fiat),
  );
  return { amount: format(round(value, 2, "up"), 2), currency: fiat };
}

/** Over the granted limit for the period: Coinbase refuses the send. */
export function checkLimit(
  limit: SendLimit | undefined,
  native: { amount: string } | undefined,
  earlier: SandboxSend[],
  now = Date.now(),
): Refusal | undefined {
  if (!limit) {
    return { status: 403, id: "invalid_scope", message: "This authorization has no send limit" };
  }
  if (!native) {
    return {
      status: 403,
      id: "invalid_scope",
      message: `This authorization's send limit is in ${limit.currency}, in which sends cannot be valued`,
    };
  }
  // Each earlier send in the limit's currency: one valued in another (made under a grant whose
  // limit was in yen, say) is valued again at today's price, as the app counts it.
  const past = earlier.map((s) => ({
    amount:
      s.nativeAmount.currency === limit.currency
        ? s.nativeAmount.amount
        : (nativeValue(s, limit)?.amount ?? "0"),
    createdAt: s.createdAt,
  }));
  const left = remainingCents(limit, past, now);
  if ((toCents(native.amount) ?? Infinity) <= left) return undefined;
  // Coinbase documents no id of its own for this (Connect docs): its generic validation_error.
  return {
    status: 400,
    id: "validation_error",
    message: `This send of ${native.amount} ${limit.currency} is over the limit you approved for this app (${limit.amount} ${limit.currency} per ${limit.period}; ${fromCents(left)} ${limit.currency} left)`,
  };
}

export function checkBalance(
  balance: string,
  amount: string,
  currency: string,
): Refusal | undefined {
  if (parseFixed(amount, 8)! <= (parseFixed(balance) ?? 0n)) return undefined;
  return {
    status: 400,
    id: "validation_error",
    message: `Not enough ${currency}: the account holds ${balance} ${currency}`,
  };
}
