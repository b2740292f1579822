import "server-only";
import { createTtlCache, type TtlCache } from "@/lib/cache/ttl-cache";
import { fetchRampOptions } from "@/lib/cdp/options-api";
import { isAppError } from "@/lib/http/app-error";
import { log } from "@/lib/log/logger";
import { processSingleton } from "@/lib/process/singleton";
import { catalogOptions, type RampOptions, type Side } from "./options";
import type { Region } from "./countries";

const OPTIONS_TTL_MS = 5 * 60 * 1000;

const cache = processSingleton("options-cache", () =>
  createTtlCache<RampOptions>({
    ttlMs: OPTIONS_TTL_MS,
    load: (key) => {
      const [side, country, subdivision] = key.split(":") as [Side, string, string];
      return fetchRampOptions(side, country, subdivision || undefined);
    },
  }),
);

/**
 * What the form may offer in a region, from Coinbase (cached for five minutes per region),
 * or the static catalog when the options API fails, so the form still works.
 */
export function getRampOptions(side: Side, region: Region): Promise<RampOptions> {
  return optionsOrFallback(cache, side, region);
}

/** The cached options, or what to show instead when Coinbase cannot or will not answer. */
export async function optionsOrFallback(
  from: TtlCache<RampOptions>,
  side: Side,
  region: Region,
): Promise<RampOptions> {
  try {
    return await from.get(`${side}:${region.country}:${region.subdivision ?? ""}`);
  } catch (error) {
    if (isAppError(error) && error.code === "upstream_rejected") {
      return {
        source: "unavailable",
        note: error.message,
        assets: [],
        fiatCurrencies: [],
        methods: [],
      };
    }
    log("warn", "ramp_options_fallback", { side, country: region.country });
    return catalogOptions(side);
  }
}
