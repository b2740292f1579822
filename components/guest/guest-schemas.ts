"use client";

import { useEffect, useState } from "react";
import { loadOnce } from "@/components/shared/load-once";

/**
 * The guest checkout's zod schemas, loaded after the page is up rather than with it: zod is
 * most of their weight, and a phone should not download it before the first step is shown.
 */
export type GuestSchemas = typeof import("@/lib/guest/schemas");

export const loadGuestSchemas = loadOnce<GuestSchemas>(() => import("@/lib/guest/schemas"));

/** The schemas for a submit, or null when they could not be fetched (say LOAD_FAILED). */
export const schemasOrNull = () => loadGuestSchemas().catch(() => null);

/** The schemas once loaded (null until then); loading starts when the caller mounts. */
export function useGuestSchemas(): GuestSchemas | null {
  const [schemas, setSchemas] = useState<GuestSchemas | null>(null);
  useEffect(() => {
    let mounted = true;
    void loadGuestSchemas().then((loaded) => mounted && setSchemas(loaded));
    return () => {
      mounted = false;
    };
  }, []);
  return schemas;
}
