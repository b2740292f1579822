"use client";

import { useEffect, useRef, type Dispatch, type RefObject, type SetStateAction } from "react";
import { useRestoredPage } from "@/components/shared/use-restored-page";
import type { Region } from "@/lib/ramp/countries";
import { readDraft, saveDraft } from "./draft";
import type { RampFormValues, Side } from "./form-state";

/**
 * The form kept as it is typed (so that a reload, or a tab the phone threw away, loses
 * nothing), and coming back to it:
 * - from signing in or a reload: the form as the user left it. The draft is in
 *   sessionStorage, which the server's render cannot see, so it is applied once, after
 *   hydration, and only then kept again. One effect does both, in that order: React runs a
 *   component's effects twice on mount under `next dev` (Strict Mode), and a separate
 *   keeping effect ran between the two, writing the first render's defaults over the draft
 *   that the second run then read back;
 * - from Coinbase through the back/forward cache: the page as the user left it, but no
 *   longer leaving.
 */
export function useReturnToForm(
  side: Side,
  form: {
    values: RampFormValues;
    region: Region;
    setRegion: Dispatch<SetStateAction<Region>>;
    setValues: Dispatch<SetStateAction<RampFormValues>>;
    setPending: Dispatch<SetStateAction<boolean>>;
    /** Set while a submit is under way, or has sent the user to Coinbase. */
    submitting: RefObject<boolean>;
  },
) {
  const { values, region, setRegion, setValues, setPending, submitting: submittingRef } = form;
  const restored = useRef(false);
  useEffect(() => {
    if (!restored.current) {
      restored.current = true;
      const draft = readDraft(side);
      if (draft) {
        setRegion(draft.region);
        setValues(draft.values);
        return; // kept on the render that shows it
      }
    }
    saveDraft(side, { values, region });
  }, [side, values, region, setRegion, setValues]);

  useRestoredPage(() => {
    submittingRef.current = false;
    setPending(false);
  });
}
