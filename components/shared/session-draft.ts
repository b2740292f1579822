"use client";

import { useEffect, useRef } from "react";

/**
 * A form as the user left it (to sign in, for Coinbase, by a reload, or a tab the phone threw
 * away), kept in this tab's sessionStorage: nothing leaves the browser, and another tab starts
 * afresh.
 */
export function saveSessionDraft(key: string, draft: unknown): void {
  try {
    const kept = JSON.stringify(draft);
    if (sessionStorage.getItem(key) === kept) return;
    sessionStorage.setItem(key, kept);
    if (!ownedByUser(sessionStorage.getItem(OWNER_KEY)))
      sessionStorage.setItem(
        TYPED_SIGNED_OUT_AT,
        JSON.stringify({ ...typedSignedOut(), [key]: Date.now() }),
      );
  } catch {
    // Storage disabled or full: the user fills the form again, nothing worse.
  }
}

/**
 * The kept draft as `parse` reads it, null when it does not fit the form: one kept by an
 * earlier version of the app (a tab left open across a deploy) or edited by hand is dropped,
 * never handed to the form.
 */
export function readSessionDraft<T>(key: string, parse: (kept: unknown) => T | null): T | null {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? parse(JSON.parse(raw)) : null;
  } catch {
    return null;
  }
}

export function forgetSessionDraft(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Storage disabled: nothing was kept.
  }
}

// Who the tab's drafts were kept for: the email last signed in here, or a sign-out's mark.
const OWNER_KEY = "drafts-owner";
const SIGNED_OUT = "signed out at ";
// When each draft was last written with no one signed in ({ key: ms }), and for how long
// signing in keeps it. Each its own: another form opened since (its defaults written) says
// nothing of when the first was typed.
const TYPED_SIGNED_OUT_AT = "drafts-typed-signed-out-at";
const SIGNED_OUT_DRAFT_MS = 15 * 60_000;

const ownedByUser = (owner: string | null) => owner !== null && !owner.startsWith(SIGNED_OUT);

function typedSignedOut(): Record<string, number> {
  try {
    const stamps: unknown = JSON.parse(sessionStorage.getItem(TYPED_SIGNED_OUT_AT) ?? "{}");
    return stamps && typeof stamps === "object" ? (stamps as Record<string, number>) : {};
  } catch {
    return {};
  }
}

/**
 * On a shared computer a draft must not outlive its user: the next person would find the
 * last one's wallet address in the form, and could pay into it. Signing out forgets every
 * draft in the tab (and anything else the app kept there).
 */
export function forgetEveryDraft(): void {
  try {
    sessionStorage.clear();
    // A mark of its own: a page kept from before (Back) sees the tab changed hands.
    sessionStorage.setItem(OWNER_KEY, `${SIGNED_OUT}${Date.now()}`);
  } catch {
    // Storage disabled: nothing was kept.
  }
}

/** Who the tab's drafts are kept for now: changed by each sign-in of another user and each sign-out. */
export function draftsOwner(): string | null {
  try {
    return sessionStorage.getItem(OWNER_KEY);
  } catch {
    return null;
  }
}

/**
 * Called as `email` signs in, and as each page rendered for them loads (ClaimTabDrafts.tsx:
 * they may have signed in from another tab). Drafts kept for someone else (whose session ended
 * without signing out here) are forgotten. Drafts typed signed out just before signing in are
 * this user's, and stay: that is how a form comes back after "Sign in to continue". Typed
 * longer ago (a shared computer's tab left on /buy), they are a stranger's, wallet address
 * included, and go.
 */
export function claimDrafts(email: string): { forgotOthers: boolean } {
  try {
    const owner = sessionStorage.getItem(OWNER_KEY);
    let forgotOthers = ownedByUser(owner) && owner !== email;
    if (forgotOthers) sessionStorage.clear();
    else if (!ownedByUser(owner)) {
      const stale = Object.entries(typedSignedOut()).filter(
        ([, typedAt]) => !(Date.now() - typedAt <= SIGNED_OUT_DRAFT_MS),
      );
      for (const [key] of stale) sessionStorage.removeItem(key);
      forgotOthers = stale.length > 0;
    }
    sessionStorage.removeItem(TYPED_SIGNED_OUT_AT);
    sessionStorage.setItem(OWNER_KEY, email);
    return { forgotOthers };
  } catch {
    // Storage disabled: nothing was kept.
    return { forgotOthers: false };
  }
}

/** A `parse` that hands a draft of the form's shape back as it is, and drops any other. */
export function asIs<T>(isDraft: (kept: unknown) => kept is T) {
  return (kept: unknown): T | null => (isDraft(kept) ? kept : null);
}

/**
 * Keeps `draft` as it changes, after first handing a kept one to `restore`; nothing under a
 * null `key` (a form that keeps only some of its steps). The server's
 * render cannot see sessionStorage, so the kept draft is applied once, after hydration, and
 * only then kept again. One effect does both, in that order: under `next dev` React runs a
 * component's effects twice on mount, and a separate keeping effect ran between the two,
 * writing the first render's defaults over the draft that the second run then read back.
 * `draft` must keep its identity between renders (a state value), or it is written each one.
 */
export function useSessionDraft<T>(
  key: string | null,
  draft: T,
  restore: (kept: T) => void,
  parse: (kept: unknown) => T | null,
) {
  const restored = useRef(false);
  useEffect(() => {
    if (key === null) return;
    if (!restored.current) {
      restored.current = true;
      const kept = readSessionDraft(key, parse);
      if (kept) {
        restore(kept);
        return; // kept on the render that shows it
      }
    }
    saveSessionDraft(key, draft);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, draft]);
}
