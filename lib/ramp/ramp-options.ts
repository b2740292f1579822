import "server-only";
import { LRUCache } from "lru-cache";
import { fetchRampOptions } from "@/lib/cdp/options-api";
import { isAppError } from "@/lib/http/app-error";
import { log } from "@/lib/log/logger";
import { processSingleton } from "@/lib/process/singleton";
import { catalogOptions, type RampOptions, type Side } from "./options";
import type { Region } from "./countries";

const OPTIONS_TTL_MS = 5 * 60 * 1000;
// Countries times US states is a few hundred regions: the bound only stops a flood of
// made-up regions from growing the cache without end.
const OPTIONS_MAX_ENTRIES = 500;

interface OptionsRequest {
  side: Side;
  region: Region;
}

export type OptionsCache = LRUCache<string, RampOptions, OptionsRequest>;

/**
 * Options per side and region, kept five minutes. lru-cache's `fetch` makes concurrent
 * misses for one region share one load (one upstream call, not one per visitor) and drops
 * a failed load, so the next caller tries again. `clock` is for tests.
 */
export function createOptionsCache(
  load: (side: Side, region: Region) => Promise<RampOptions>,
  clock?: { now: () => number },
): OptionsCache {
  return new LRUCache<string, RampOptions, OptionsRequest>({
    max: OPTIONS_MAX_ENTRIES,
    ttl: OPTIONS_TTL_MS,
    fetchMethod: (_key, _stale, { context }) => load(context.side, context.region),
    // lru-cache reuses a clock reading for a millisecond; a test's clock must be read each time.
    ...(clock && { perf: clock, ttlResolution: 0 }),
  });
}

const cache = processSingleton("options-cache", () =>
  createOptionsCache((side, region) => fetchRampOptions(side, region.country, region.subdivision)),
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
  from: OptionsCache,
  side: Side,
  region: Region,
): Promise<RampOptions> {
  const key = `${side}:${region.country}:${region.subdivision ?? ""}`;
  try {
    // fetch rejects with the load's own error object, so an AppError is still one here.
    // Its type allows undefined (a load that returns nothing): treated as a failure.
    const options = await from.fetch(key, { context: { side, region } });
    if (options) return options;
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
  }
  log("warn", "ramp_options_fallback", { side, country: region.country });
  return catalogOptions(side);
}
