"use client";

import { useEffect, useRef, type RefObject } from "react";

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

/**
 * While a busy button's press is under way, the focus is on it: pressed with Enter in a field
 * the form then disables, the focus would fall with that field to the page.
 */
export function useFocusWhileBusy(ref: RefObject<HTMLButtonElement | null>, busy: boolean) {
  useEffect(() => {
    if (busy && (focusIsLost() || document.activeElement?.matches(":disabled")))
      ref.current?.focus();
  }, [busy, ref]);
}
