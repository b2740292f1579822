"use client";

import type { ReactNode } from "react";
import { useFocusBack } from "./use-focus-back";
import { useInBrowser } from "./use-in-browser";

/**
 * The submit button of a form only the page's script can send (it posts JSON and shows the
 * answer in place). Until that script runs the button is disabled, and so is Enter in a
 * field: the browser would otherwise send the form itself, as a GET of this page, which
 * reloads it without its query (the sign-in page's `next`) and drops what was typed. On a
 * slow phone that window lasts seconds; what is typed meanwhile is kept (see fields.tsx).
 * With scripts off, it stays disabled, and says why. Off while the form is sent, it keeps the
 * focus (Enter in a field presses it too).
 */
export function ScriptSubmitButton({
  disabled,
  describedBy,
  className,
  children,
}: {
  disabled: boolean;
  /** The id of what says why it is off, when it is. */
  describedBy?: string;
  className: string;
  children: ReactNode;
}) {
  const inBrowser = useInBrowser();
  const off = disabled || !inBrowser;
  const { ref, onPressed } = useFocusBack(off);
  return (
    <>
      <button
        ref={ref}
        type="submit"
        onClick={onPressed}
        disabled={off}
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
