"use client";

import { forgetSessionDraft, useSessionDraft } from "@/components/shared/session-draft";

// Where this tab keeps the guest's phone number as typed, until Coinbase has verified it.
const KEY = "guest-phone";

/**
 * The phone number typed on the SMS step, kept in this tab's sessionStorage (never in a link,
 * like the purchase: guest-draft.ts) while it changes: a session that ends as the user asks
 * for the code sends them to sign in, and the number is there when they come back. Kept for
 * the SMS step only; forgotten once verified, and by signing out with every draft.
 */
export function usePhoneDraft(sms: boolean, phone: string, setPhone: (phone: string) => void) {
  useSessionDraft(sms ? KEY : null, phone, setPhone, readPhone);
}

export function forgetPhoneDraft(): void {
  forgetSessionDraft(KEY);
}

// A number as typed, of a sane length; an empty one restores nothing.
const readPhone = (kept: unknown) =>
  typeof kept === "string" && kept.trim() ? kept.slice(0, 64) : null;
