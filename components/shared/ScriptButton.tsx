"use client";

import type { ButtonHTMLAttributes } from "react";
import { useFocusBack } from "./use-focus-back";
import { useInBrowser } from "./use-in-browser";

/**
 * A plain button (not a submit) that only the page's script acts on: an amount preset,
 * "Change", "Use my wallet". On a slow phone the page is on screen seconds before that script
 * runs, and a tap then would be lost without a sign; so the button is off until the script
 * runs, and looks it. Off while its work is under way, it keeps the focus. Submits have
 * ScriptSubmitButton.
 */
export function ScriptButton({
  disabled,
  onClick,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement>) {
  const inBrowser = useInBrowser();
  const off = disabled || !inBrowser;
  const { ref, onPressed } = useFocusBack(!!off);
  return (
    <button
      type="button"
      {...props}
      ref={ref}
      onClick={(event) => {
        onPressed();
        onClick?.(event);
      }}
      disabled={off}
    />
  );
}
