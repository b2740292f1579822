"use client";

import { useEffect, useRef, useState } from "react";
import { readPrefill, type Prefill } from "@/lib/guest/prefill";
import { PAY_METHODS, type PurchaseValues } from "./PurchaseForm";

/**
 * The purchase as typed, kept in this tab's sessionStorage (nothing leaves the browser) while
 * it changes, so that a reload, or a phone discarding the tab while the user copies their
 * address in the wallet app, brings the form back as they left it. Only for the same link
 * (`/buy/guest?…` as /buy filled it in): another link's values win. Forgotten once ordered.
 */
export type PurchaseDraft = Prefill & Partial<Pick<PurchaseValues, "paymentMethod">>;

const KEY = "guest-draft";

/** The draft state, seeded from the link, then from what this tab kept for the same link. */
export function useGuestDraft(prefill: PurchaseDraft) {
  const [draft, setDraft] = useState(prefill);
  const restored = useRef(false);
  useEffect(() => {
    // The server cannot see sessionStorage: the kept draft is applied after hydration.
    if (!restored.current) {
      restored.current = true;
      const kept = readKept();
      // A second render on purpose: the first had to match the server's HTML.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      if (kept) setDraft(kept);
      return;
    }
    keep(draft);
  }, [draft]);
  return [draft, setDraft] as const;
}

export function forgetGuestDraft(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Storage disabled: nothing was kept.
  }
}

function keep(values: PurchaseDraft) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ link: location.search, values }));
  } catch {
    // Storage disabled or full: a reload shows the link's values, nothing worse.
  }
}

function readKept(): PurchaseDraft | null {
  try {
    const kept = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as {
      link?: unknown;
      values?: Record<string, unknown>;
    } | null;
    if (!kept?.values || kept.link !== location.search) return null;
    const text = (name: string) => {
      const value = kept.values?.[name];
      return typeof value === "string" ? value.slice(0, 128) : "";
    };
    // Asset and network checked as a link's are; what was typed comes back as it was typed.
    const { asset, network } = readPrefill({ asset: text("asset"), network: text("network") });
    const method = text("paymentMethod");
    return {
      asset,
      network,
      address: text("address"),
      amount: text("amount"),
      ...(PAY_METHODS.some((m) => m.id === method) && {
        paymentMethod: method as PurchaseValues["paymentMethod"],
      }),
    };
  } catch {
    return null;
  }
}
