"use client";

import { useCallback, useEffect, useState } from "react";
import type { GuestLimits } from "@/lib/guest/limits";
import { guestApi } from "./guest-api";

/** The user's guest limits from Coinbase, fetched before any order, and again on demand. */
export function useGuestLimits() {
  const [limits, setLimits] = useState<GuestLimits | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);

  const reload = useCallback(async () => {
    setError(null); // "Checking your limits…" while asking again
    const result = await guestApi<{ limits: GuestLimits }>("/api/guest/limits");
    if (result.ok) {
      setLimits(result.data.limits);
      setError(null);
    } else setError({ code: result.code, message: result.message });
  }, []);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void reload();
  }, [reload]);

  return { limits, error, reload };
}
