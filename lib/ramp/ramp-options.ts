import "server-only";
import { LRUCache } from "lru-cache";
import { fetchRampOptions } from "@/lib/cdp/options-api";
import { isAppError } from "@/lib/http/app-error";
import { log } from "@/lib/log/logger";
import { processSingleton } from "@/lib/process/singleton";
import { catalogOptions, type RampOptions, type Side } from "./options";
import type { Region } from "./countries";

const OPTIONS_TTL_MS = 5 * 60 * 1000;
// Coinbase refusing a region is remembered for less long: regions open up.
const REFUSAL_TTL_MS = 60 * 1000;
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
 * misses for one region share one load (one upstream call, not one per visitor). Coinbase
 * refusing the region (`upstream_rejected`) is kept a minute as an "unavailable" answer, so
 * asking again costs no signed call; any other failure is dropped, and the next caller tries
 * again. `clock` is for tests.
 */
export function createOptionsCache(
  load: (side: Side, region: Region) => Promise<RampOptions>,
  clock?: { now: () => number },
): OptionsCache {
  return new LRUCache<string, RampOptions, OptionsRequest>({
    max: OPTIONS_MAX_ENTRIES,
    ttl: OPTIONS_TTL_MS,
    fetchMethod: async (_key, _stale, { context, options }) => {
      try {
        return await load(context.side, context.region);
      } catch (error) {
        if (!isAppError(error) || error.code !== "upstream_rejected") throw error;
        options.ttl = REFUSAL_TTL_MS;
        return unavailable(error.message);
      }
    },
    // lru-cache reuses a clock reading for a millisecond; a test's clock must be read each time.
    ...(clock && { perf: clock, ttlResolution: 0 }),
  });
}

const cache = processSingleton("options-cache", () =>
  createOptionsCache((side, region) => fetchRampOptions(side, region.country, region.subdivision)),
);

/**
 * What the form may offer in a region, from Coinbase (cached for five minutes per region,
 * a refusal for one), or the static catalog when the options API fails, so the form still works.
 */
export function getRampOptions(side: Side, region: Region): Promise<RampOptions> {
  return optionsOrFallback(cache, side, region);
}

/** The cached options (or refusal), or the catalog when Coinbase cannot answer. */
export async function optionsOrFallback(
  from: OptionsCache,
  side: Side,
  region: Region,
): Promise<RampOptions> {
  const key = `${side}:${region.country}:${region.subdivision ?? ""}`;
  try {
    // Its type allows undefined (a load that returns nothing): treated as a failure.
    const options = await from.fetch(key, { context: { side, region } });
    if (options) return options;
  } catch {
    // Coinbase could not answer (a refusal is not thrown: it is cached as unavailable).
  }
  log("warn", "ramp_options_fallback", { side, country: region.country });
  return catalogOptions(side);
}

/** What the form shows where Coinbase said no: nothing to offer, and Coinbase's reason. */
function unavailable(note: string): RampOptions {
  return { source: "unavailable", note, assets: [], fiatCurrencies: [], methods: [] };
}
