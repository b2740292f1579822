"use client";

import { useEffect, useRef } from "react";

/**
 * A button disabled while its work is under way drops the focus to the page (a keyboard then
 * starts again at the top). Pressed, it takes the focus back once enabled again, unless the
 * focus went elsewhere meanwhile (to a field with an error, to the next step). `off`: whether
 * the button is disabled; `onPressed` goes on its click.
 */
export function useFocusBack(off: boolean) {
  const ref = useRef<HTMLButtonElement>(null);
  const pressed = useRef(false);
  useEffect(() => {
    if (off) return;
    if (pressed.current && focusIsLost()) ref.current?.focus();
    pressed.current = false;
  }, [off]);
  return {
    ref,
    onPressed: () => {
      pressed.current = true;
    },
  };
}

/** Whether nothing has the focus (it fell to the page, as a disabled or removed element's does). */
export function focusIsLost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}
