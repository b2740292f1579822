import "server-only";
import { AppError } from "@/lib/http/app-error";
import { cryptoLimitProblem } from "./crypto-limits";
import { limitProblem, type Side } from "./options";
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
  const asset = options.assets.find((a) => a.symbol === offer.asset);
  if (!asset) throw invalid("asset", `${offer.asset} is not offered in your region`);
  if (!asset.networks.includes(offer.network))
    throw invalid("network", `${offer.asset} is not offered on ${offer.network} in your region`);
  if (offer.method && !options.methods.includes(offer.method))
    throw invalid(
      side === "buy" ? "paymentMethod" : "cashoutMethod",
      "This method is not offered in your region",
    );
  if (offer.fiatAmount && offer.method) {
    const problem = limitProblem(
      options,
      offer.fiatCurrency ?? "USD",
      offer.method,
      offer.fiatAmount,
    );
    if (problem) throw invalid("fiatAmount", problem);
  }
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

function invalid(path: string, message: string) {
  return new AppError("invalid_request", message, { issues: [{ path, message }] });
}
