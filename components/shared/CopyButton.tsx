"use client";

import { useState, type RefObject } from "react";

/**
 * Copies a text in one tap ("Copy amount" → "Copied amount"), and says so aloud. A browser
 * without the clipboard API (a page on plain http, as on a phone on the LAN) or one that
 * refuses it gets the text selected instead, and a line saying to copy it by hand. Beside
 * other copy buttons, only the latest copy is said: two "copied" would not say which is on
 * the clipboard.
 */
export function CopyButton({
  text,
  what,
  source,
  latest = true,
  onCopy,
}: {
  text: string;
  /** "address": names the button ("Copy address") and the messages. */
  what: string;
  /** The element showing the text: selected when the clipboard cannot be used. */
  source: RefObject<HTMLElement | null>;
  /** False once another button of the group has copied since: this one's outcome goes. */
  latest?: boolean;
  onCopy?: () => void;
}) {
  const [outcome, setOutcome] = useState<"idle" | "copied" | "failed">("idle");
  const state = latest ? outcome : "idle";

  async function copy() {
    onCopy?.();
    try {
      // Undefined outside a secure context: that throws here too, and lands in catch.
      await navigator.clipboard.writeText(text);
      setOutcome("copied");
    } catch {
      const selection = window.getSelection();
      if (source.current && selection) selection.selectAllChildren(source.current);
      setOutcome("failed");
    }
  }

  const label = what.charAt(0).toUpperCase() + what.slice(1);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={copy}
        className="rounded-full border border-slate-400 px-3 py-1 text-sm whitespace-nowrap hover:bg-slate-100"
      >
        {state === "copied" ? `Copied ${what}` : `Copy ${what}`}
      </button>
      <span role="status" className="text-sm text-slate-700">
        {state === "copied" && `${label} copied.`}
        {state === "failed" && `Could not copy: select the ${what} and copy it.`}
      </span>
    </span>
  );
}
