"use client";

import { useEffect, useRef, type ButtonHTMLAttributes } from "react";
import { useInBrowser } from "./use-in-browser";

/**
 * A plain button (not a submit) that only the page's script acts on: an amount preset,
 * "Change", "Use my wallet". On a slow phone the page is on screen seconds before that script
 * runs, and a tap then would be lost without a sign; so the button is off until the script
 * runs, and looks it. Submits have ScriptSubmitButton.
 */
export function ScriptButton({
  disabled,
  onClick,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement>) {
  const inBrowser = useInBrowser();
  const off = disabled || !inBrowser;
  const ref = useRef<HTMLButtonElement>(null);
  const pressed = useRef(false);
  // Disabled while its work is under way, the pressed button drops the focus to the page (a
  // keyboard starts again at the top): it takes it back when done, unless it went elsewhere.
  useEffect(() => {
    if (off) return;
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (pressed.current && lost) ref.current?.focus();
    pressed.current = false;
  }, [off]);
  return (
    <button
      type="button"
      {...props}
      ref={ref}
      onClick={(event) => {
        pressed.current = true;
        onClick?.(event);
      }}
      disabled={off}
    />
  );
}
