"use client";

import { useEffect, type Dispatch, type RefObject, type SetStateAction } from "react";
import { useRestoredPage } from "@/components/shared/use-restored-page";
import type { Region } from "@/lib/ramp/countries";
import { takeDraft } from "./draft";
import type { RampFormValues, Side } from "./form-state";

/**
 * Coming back to the form:
 * - from signing in: the form as the user left it. The draft is in sessionStorage, which
 *   the server's render cannot see, so it is applied once, after hydration;
 * - from Coinbase through the back/forward cache: the page as the user left it, but no
 *   longer leaving.
 */
export function useReturnToForm(
  side: Side,
  form: {
    setRegion: Dispatch<SetStateAction<Region>>;
    setValues: Dispatch<SetStateAction<RampFormValues>>;
    setPending: Dispatch<SetStateAction<boolean>>;
    /** Set while a submit is under way, or has sent the user to Coinbase. */
    submitting: RefObject<boolean>;
  },
) {
  const { setRegion, setValues, setPending, submitting: submittingRef } = form;
  useEffect(() => {
    const draft = takeDraft(side);
    if (!draft) return;
    setRegion(draft.region);
    setValues(draft.values);
  }, [side, setRegion, setValues]);

  useRestoredPage(() => {
    submittingRef.current = false;
    setPending(false);
  });
}
