"use client";

import type { ReactNode } from "react";
import { useFocusBack, useFocusWhileBusy } from "./use-focus-back";
import { useInBrowser } from "./use-in-browser";

/**
 * The submit button of a form only the page's script can send (it posts JSON and shows the
 * answer in place). Until that script runs the button is disabled, and so is Enter in a
 * field: the browser would otherwise send the form itself, as a GET of this page, which
 * reloads it without its query (the sign-in page's `next`) and drops what was typed. On a
 * slow phone that window lasts seconds; what is typed meanwhile is kept (see fields.tsx).
 * With scripts off, it stays disabled, and says why. Off while the form is sent, it keeps the
 * focus (Enter in a field presses it too). `busy`: the press is under way. The button stays
 * focusable, marked disabled and busy for assistive tech, and takes no second press: a
 * disabled button drops the focus to the page, and a keyboard or screen reader user is lost
 * while the button says what it is doing (the focus would come back only once it is done).
 */
export function ScriptSubmitButton({
  disabled,
  busy = false,
  describedBy,
  className,
  children,
}: {
  disabled: boolean;
  busy?: boolean;
  /** The id of what says why it is off, when it is. */
  describedBy?: string;
  className: string;
  children: ReactNode;
}) {
  const inBrowser = useInBrowser();
  const off = disabled || !inBrowser;
  const { ref, onPressed } = useFocusBack(off);
  useFocusWhileBusy(ref, busy && !off);
  return (
    <>
      <button
        ref={ref}
        type="submit"
        onClick={(event) => {
          // No second submit: a click (or Enter in a field) while busy does nothing.
          if (busy) event.preventDefault();
          else onPressed();
        }}
        disabled={off}
        aria-disabled={busy || undefined}
        aria-busy={busy || undefined}
        aria-describedby={describedBy}
        className={className}
      >
        {children}
      </button>
      {/* With scripts turned off, the button never comes on: the page says why. */}
      <noscript>
        <p className="text-sm text-red-700">
          This form needs JavaScript: turn it on in your browser to go on.
        </p>
      </noscript>
    </>
  );
}
