import "server-only";
import { AppError } from "@/lib/http/app-error";
import { cryptoLimitProblem } from "./crypto-limits";
import { limitProblem, type RampOptions, type Side } from "./options";
import { getRampOptions } from "./ramp-options";
import type { OnrampRequest } from "./schemas";

type Offer = Pick<
  OnrampRequest,
  "asset" | "network" | "fiatCurrency" | "fiatAmount" | "cryptoAmount" | "country" | "subdivision"
> & { method?: string };

/**
 * Before minting: is this asset, network and method offered where the user is, and is
 * the amount within the method's limits (an amount in the asset by its worth, crypto-limits.ts)?
 * Only when the user's region is known; when the options API is down, the static catalog
 * (already checked by the schema) stands in.
 */
export async function assertOffered(side: Side, offer: Offer): Promise<void> {
  if (!offer.country) return;
  const options = await getRampOptions(side, {
    country: offer.country,
    subdivision: offer.subdivision,
  });
  if (options.source === "unavailable")
    throw invalid("country", options.note ?? "Coinbase does not offer this in your region");
  if (options.source !== "coinbase") return;
  const refused = notOffered(side, offer, options);
  if (refused) throw invalid(refused.path, refused.message);
  if (offer.cryptoAmount && offer.method) {
    const { asset, network, fiatCurrency, cryptoAmount, method, country, subdivision } = offer;
    const problem = await cryptoLimitProblem(
      side,
      { asset, network, fiatCurrency, cryptoAmount, method, country, subdivision },
      options,
    );
    if (problem) throw invalid("cryptoAmount", problem);
  }
}

/** What of `offer` Coinbase's options for its region refuse, at its field; null if nothing. */
export function notOffered(
  side: Side,
  offer: Omit<Offer, "country" | "subdivision">,
  options: RampOptions,
): { path: string; message: string } | null {
  const asset = options.assets.find((a) => a.symbol === offer.asset);
  if (!asset) return { path: "asset", message: `${offer.asset} is not offered in your region` };
  if (!asset.networks.includes(offer.network))
    return {
      path: "network",
      message: `${offer.asset} is not offered on ${offer.network} in your region`,
    };
  if (offer.method && !options.methods.includes(offer.method))
    return {
      path: side === "buy" ? "paymentMethod" : "cashoutMethod",
      message: "This method is not offered in your region",
    };
  const currency = offer.fiatCurrency ?? "USD";
  // A currency the region does not offer has no limits to hold the amount to: said as such.
  if (offer.fiatCurrency && !options.fiatCurrencies.some((c) => c.code === currency)) {
    const offered = options.fiatCurrencies.map((c) => c.code).join(", ");
    return {
      path: "fiatCurrency",
      message: `${currency} is not offered in your region${offered ? `: use ${offered}` : ""}`,
    };
  }
  if (!offer.fiatAmount) return null;
  const problem = offer.method
    ? limitProblem(options, currency, offer.method, offer.fiatAmount)
    : noMethodTakes(options, currency, offer.fiatAmount);
  return problem ? { path: "fiatAmount", message: problem } : null;
}

/**
 * Without a method (the user picks one on Coinbase's page), an amount no method takes is
 * refused with the limit of the method nearest to it: the lowest minimum, or the highest maximum.
 */
function noMethodTakes(options: RampOptions, currency: string, amount: string): string | null {
  const limits = options.fiatCurrencies.find((c) => c.code === currency)?.limits ?? [];
  const problemOf = (method: string) => limitProblem(options, currency, method, amount);
  if (limits.length === 0 || limits.some((l) => problemOf(l.method) === null)) return null;
  const below = limits.every((l) => Number(amount) < Number(l.min));
  const nearest = limits.reduce((a, b) =>
    below ? (Number(b.min) < Number(a.min) ? b : a) : Number(b.max) > Number(a.max) ? b : a,
  );
  return problemOf(nearest.method);
}

function invalid(path: string, message: string) {
  return new AppError("invalid_request", message, { issues: [{ path, message }] });
}
