"use client";

import { useEffect, useState } from "react";
import type { Region } from "@/lib/ramp/countries";
import { catalogOptions, type RampOptions, type Side } from "@/lib/ramp/options";

/** The options for the chosen region, refetched when it changes; the catalog if that fails. */
export function useRampOptions(
  side: Side,
  region: Region,
  initial: { region: Region; options: RampOptions },
) {
  const [state, setState] = useState({ key: regionKey(initial.region), options: initial.options });
  const key = regionKey(region);

  useEffect(() => {
    if (key === state.key) return;
    const controller = new AbortController();
    const query = new URLSearchParams({
      side,
      country: region.country,
      ...(region.subdivision ? { subdivision: region.subdivision } : {}),
    });
    fetch(`/api/options?${query}`, { signal: controller.signal })
      .then(async (r) => (r.ok ? ((await r.json()) as RampOptions) : catalogOptions(side)))
      .catch(() => catalogOptions(side))
      .then((options) => {
        if (!controller.signal.aborted) setState({ key, options });
      });
    return () => controller.abort();
  }, [key, side, region.country, region.subdivision, state.key]);

  // Loading while the options on hand are for another region.
  return { options: state.options, loading: key !== state.key };
}

function regionKey(region: Region) {
  return `${region.country}:${region.subdivision ?? ""}`;
}
