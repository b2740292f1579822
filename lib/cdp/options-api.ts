import "server-only";
import { z } from "zod";
import { CASHOUT_METHODS, PAYMENT_METHODS, isOfferedOn } from "@/lib/ramp/catalog";
import type { RampOptions, Side } from "@/lib/ramp/options";
import { cdpCall, type OwnCdpClient } from "./client";

const Currency = z.object({
  name: z.string().optional(),
  symbol: z.string(),
  networks: z.array(z.object({ name: z.string() })).default([]),
});
const FiatWithLimits = z.object({
  id: z.string(),
  limits: z
    .array(z.object({ id: z.string(), min: z.coerce.string(), max: z.coerce.string() }))
    .default([]),
});
const BuyOptions = z.object({
  payment_currencies: z.array(FiatWithLimits),
  purchase_currencies: z.array(Currency),
});
const SellOptions = z.object({
  cashout_currencies: z.array(FiatWithLimits),
  sell_currencies: z.array(Currency),
});

/** GET /onramp/v1/{buy|sell}/options: what Coinbase offers in one country (and US state). */
export async function fetchRampOptions(
  side: Side,
  country: string,
  subdivision?: string,
  client?: OwnCdpClient,
): Promise<RampOptions> {
  const query = new URLSearchParams({ country, ...(subdivision ? { subdivision } : {}) });
  const path = `/onramp/v1/${side}/options?${query}`;
  const { fiats, cryptos } =
    side === "buy"
      ? await cdpCall(BuyOptions, "GET", path, undefined, client).then((o) => ({
          fiats: o.payment_currencies,
          cryptos: o.purchase_currencies,
        }))
      : await cdpCall(SellOptions, "GET", path, undefined, client).then((o) => ({
          fiats: o.cashout_currencies,
          cryptos: o.sell_currencies,
        }));
  return toRampOptions(side, fiats, cryptos);
}

/**
 * Coinbase's answer, kept to what this app can mint: the catalog's assets on the catalog's
 * networks for each, and the side's known methods. Coinbase offers hundreds of assets; one
 * the pickers showed but the API's checks refuse would fail only at "Continue".
 */
export function toRampOptions(
  side: Side,
  fiats: z.infer<typeof FiatWithLimits>[],
  cryptos: z.infer<typeof Currency>[],
): RampOptions {
  const known = new Set<string>(
    (side === "buy" ? PAYMENT_METHODS : CASHOUT_METHODS).map((m) => m.id),
  );
  const limits = fiats.map((f) => ({
    code: f.id,
    limits: f.limits
      .filter((l) => known.has(l.id))
      .map((l) => ({ method: l.id, min: l.min, max: l.max })),
  }));
  return {
    source: "coinbase",
    assets: cryptos
      .map((c) => ({
        symbol: c.symbol,
        name: c.name ?? c.symbol,
        networks: c.networks.map((n) => n.name).filter((n) => isOfferedOn(c.symbol, n)),
      }))
      .filter((a) => a.networks.length > 0),
    fiatCurrencies: limits,
    methods: [...new Set(limits.flatMap((f) => f.limits.map((l) => l.method)))],
  };
}
