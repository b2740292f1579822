"use client";

import { useEffect, useState } from "react";
import type { OnrampOrder } from "@/lib/guest/onramp-api";
import type { GuestOrderInput } from "@/lib/guest/schemas";
import { useWindowEvent } from "@/components/shared/use-window-event";
import { guestApi } from "./guest-api";

export type PriceState =
  | { status: "idle" }
  /** `previous`: the price on screen when this one was asked, shown meanwhile (dimmed). */
  | { status: "loading"; previous?: OnrampOrder }
  | { status: "ready"; quote: OnrampOrder }
  /** `field`: the order field the error is about (an amount under Coinbase's minimum: `amount`). */
  | { status: "error"; code: string; message: string; field?: string };

const PAUSE_MS = 400;

/** A price (`isQuote`) for `input` once typing pauses; null input: nothing to price yet. */
export function useGuestPrice(input: GuestOrderInput | null): PriceState {
  const [state, setState] = useState<PriceState>({ status: "idle" });
  // Bumped when the connection comes back after a price could not be fetched: priced again.
  const [attempt, setAttempt] = useState(0);
  const key = input ? JSON.stringify(input) : "";
  const unreachable = state.status === "error" && state.code === "unreachable";

  useWindowEvent("online", () => {
    if (unreachable) setAttempt((n) => n + 1);
  });

  useEffect(() => {
    if (!key) {
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setState({ status: "idle" });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setState((shown) => ({
        status: "loading",
        previous:
          shown.status === "ready"
            ? shown.quote
            : shown.status === "loading"
              ? shown.previous
              : undefined,
      }));
      const result = await guestApi<{ quote: OnrampOrder }>("/api/guest/quote", JSON.parse(key), {
        signal: controller.signal,
      });
      if (controller.signal.aborted) return;
      setState(
        result.ok
          ? { status: "ready", quote: result.data.quote }
          : {
              status: "error",
              code: result.code,
              message: result.message,
              ...(result.issues[0] ? { field: result.issues[0].path } : {}),
            },
      );
    }, PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, attempt]);

  return state;
}
