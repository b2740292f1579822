"use client";

import { useEffect, useRef } from "react";

/**
 * After a failed submit, focus goes to the first field that says what is wrong (or the
 * form's own alert): the button pressed stays where it was, and the problem may be far above
 * it, out of sight on a phone. A field inside a closed <details> group is opened first.
 * Call `focusNextErrors()` where the errors are set (`errors`: whatever holds them, its
 * change is the moment to focus); `formRef` goes on the <form>
 * (or on what holds the form and its alert).
 */
export function useFocusFirstError<Container extends HTMLElement = HTMLFormElement>(
  errors: unknown,
) {
  const formRef = useRef<Container>(null);
  const wanted = useRef(false);
  useEffect(() => {
    if (!wanted.current) return;
    const first = formRef.current?.querySelector<HTMLElement>(
      '[aria-invalid="true"], [role="alert"]',
    );
    // A field its form still holds disabled (busy a moment more) cannot take the focus: the
    // render that frees it does (`errors` then includes what frees it).
    if (first?.matches(":disabled")) return;
    wanted.current = false;
    const group = first?.closest("details");
    if (group) group.open = true;
    first?.focus();
  }, [errors]);
  return {
    formRef,
    focusNextErrors: (wantIt = true) => {
      wanted.current = wantIt;
    },
  };
}
