import { ASSETS, CASHOUT_METHODS, FIAT_CURRENCIES, PAYMENT_METHODS } from "./catalog";
import { limitText } from "./limit-text";

/**
 * What the buy or sell form may offer in one region: from Coinbase's options API, or
 * the static catalog when that API cannot be reached. Browser-safe.
 */
export interface MethodLimit {
  method: string;
  min: string;
  max: string;
}

export interface RampOptions {
  /** coinbase: the options API answered; catalog: it failed, static fallback; unavailable: Coinbase said no for this region. */
  source: "coinbase" | "catalog" | "unavailable";
  /** Why the region is unavailable, in Coinbase's words. */
  note?: string;
  assets: { symbol: string; name: string; networks: string[] }[];
  fiatCurrencies: { code: string; limits: MethodLimit[] }[];
  methods: string[];
}

export type Side = "buy" | "sell";

export function catalogOptions(side: Side): RampOptions {
  const methods = (side === "buy" ? PAYMENT_METHODS : CASHOUT_METHODS).map((m) => m.id);
  return {
    source: "catalog",
    assets: ASSETS.map((a) => ({ symbol: a.symbol, name: a.name, networks: [...a.networks] })),
    fiatCurrencies: FIAT_CURRENCIES.map((c) => ({ code: c.code, limits: [] })),
    methods,
  };
}

/** The limit for one method in one currency, when the options name one. */
export function findLimit(
  options: RampOptions,
  currency: string,
  method: string,
): MethodLimit | undefined {
  return options.fiatCurrencies
    .find((c) => c.code === currency)
    ?.limits.find((l) => l.method === method);
}

/**
 * A reason the amount is outside the method's limits, or null when it fits (or none is known).
 * `worthOfCrypto`: `amount` is what a crypto amount is worth, and the reason says so.
 */
export function limitProblem(
  options: RampOptions,
  currency: string,
  method: string,
  amount: string,
  worthOfCrypto = false,
): string | null {
  const limit = findLimit(options, currency, method);
  const value = Number(amount);
  if (!limit || !Number.isFinite(value)) return null;
  const worth = worthOfCrypto ? { value, currency } : undefined;
  if (value < Number(limit.min)) return limitText("min", method, limit.min, currency, worth);
  if (value > Number(limit.max)) return limitText("max", method, limit.max, currency, worth);
  return null;
}
