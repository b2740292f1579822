"use client";

import { useState, type FormEvent } from "react";
import { postJson } from "@/components/shared/post-json";
import { forgetEveryDraft } from "@/components/shared/session-draft";
import { useFocusBack } from "@/components/shared/use-focus-back";
import { announceViewer } from "./viewer-announcement";

/**
 * Ends the session on the server, then reloads the home page signed out. A form: clicked
 * before the page's script has run, the browser posts it and the route answers with the
 * home page; once the script runs, a failure is said here instead.
 */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Off while signing out: a refusal gives the focus back to it, not to the page's top.
  const { ref, onPressed } = useFocusBack(pending);

  async function signOut(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    const result = await postJson<{ signedIn: boolean; coinbaseRevoked: boolean }>(
      "/api/auth/sign-out",
      {},
      "signedIn",
    );
    if (!result.ok) {
      setError(result.message);
      setPending(false);
      return;
    }
    // Nothing of this user stays in the tab for the next person at this computer, nor in
    // the app's other tabs, which are told.
    forgetEveryDraft();
    announceViewer("signed_out");
    // A full load: every server-rendered part of the page (the header too) sees no session.
    // Where Coinbase could not be told to end the grant, the Connect page says what to do.
    window.location.assign(result.data.coinbaseRevoked ? "/" : "/connect?disconnected=local");
  }

  return (
    <form
      method="post"
      action="/api/auth/sign-out"
      onSubmit={signOut}
      className="flex items-center gap-2"
    >
      <button
        ref={ref}
        type="submit"
        onClick={onPressed}
        disabled={pending}
        className="rounded-full border border-slate-300 px-3 py-1 text-sm whitespace-nowrap hover:bg-slate-100 disabled:opacity-70"
      >
        {pending ? "Signing out…" : "Sign out"}
      </button>
      <span role="alert" className="text-xs text-red-700">
        {error}
      </span>
    </form>
  );
}
