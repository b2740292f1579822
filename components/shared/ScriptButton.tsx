"use client";

import type { ButtonHTMLAttributes } from "react";
import { useInBrowser } from "./use-in-browser";

/**
 * A plain button (not a submit) that only the page's script acts on: an amount preset,
 * "Change", "Use my wallet". On a slow phone the page is on screen seconds before that script
 * runs, and a tap then would be lost without a sign; so the button is off until the script
 * runs, and looks it. Submits have ScriptSubmitButton.
 */
export function ScriptButton({ disabled, ...props }: ButtonHTMLAttributes<HTMLButtonElement>) {
  const inBrowser = useInBrowser();
  return <button type="button" {...props} disabled={disabled || !inBrowser} />;
}
