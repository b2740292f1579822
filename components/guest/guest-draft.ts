"use client";

import { useMemo, useState } from "react";
import {
  forgetSessionDraft,
  saveSessionDraft,
  useSessionDraft,
} from "@/components/shared/session-draft";
import { readPrefill, type Prefill } from "@/lib/guest/prefill";
import { GUEST_DRAFT_KEY as KEY } from "./guest-hand-over";
import { PAY_METHODS, type PurchaseValues } from "./PurchaseForm";

/**
 * The purchase as typed, kept in this tab's sessionStorage (session-draft.ts) while it
 * changes, so that a reload, or a phone discarding the tab while the user copies their
 * address in the wallet app, brings the form back as they left it. Only for the same link
 * (`/buy/guest?…` as /buy filled it in, with the address /buy kept here: guest-hand-over.ts):
 * another link's values win. Forgotten once ordered, and kept again if its payment fails
 * (a declined card): the user buys the same again, perhaps after a reload.
 */
export type PurchaseDraft = Prefill & Partial<Pick<PurchaseValues, "paymentMethod">>;

/** What is kept: the values, and the link they were typed under. */
interface Kept {
  link: string;
  values: PurchaseDraft;
}

// Read in the browser only: the server renders no draft.
const currentLink = () => (typeof location === "undefined" ? "" : location.search);

/**
 * The draft state, seeded from the link, then from what this tab kept for the same link;
 * `fromTab` once it came from there (what the user typed, or brought from /buy), not the link.
 */
export function useGuestDraft(prefill: PurchaseDraft) {
  const [draft, setDraft] = useState(prefill);
  const [fromTab, setFromTab] = useState(false);
  const kept = useMemo(() => ({ link: currentLink(), values: draft }), [draft]);
  useSessionDraft(
    KEY,
    kept,
    (k) => {
      setDraft(k.values);
      setFromTab(true);
    },
    readKept,
  );
  return [draft, setDraft, fromTab] as const;
}

export function forgetGuestDraft(): void {
  forgetSessionDraft(KEY);
}

/** Keeps `values` again, as typed under this link: its order failed, nothing was bought. */
export function keepGuestDraft(values: PurchaseDraft): void {
  saveSessionDraft(KEY, { link: currentLink(), values } satisfies Kept);
}

/** A draft kept under this link, each value checked as a link's are; else null. */
function readKept(raw: unknown): Kept | null {
  const kept = raw as { link?: unknown; values?: Record<string, unknown> } | null;
  if (!kept?.values || kept.link !== currentLink()) return null;
  const text = (name: string) => {
    const value = kept.values?.[name];
    return typeof value === "string" ? value.slice(0, 128) : "";
  };
  // Asset and network checked as a link's are; what was typed comes back as it was typed.
  const { asset, network } = readPrefill({ asset: text("asset"), network: text("network") });
  const method = text("paymentMethod");
  return {
    link: kept.link,
    values: {
      asset,
      network,
      address: text("address"),
      amount: text("amount"),
      ...(PAY_METHODS.some((m) => m.id === method) && {
        paymentMethod: method as PurchaseValues["paymentMethod"],
      }),
    },
  };
}
