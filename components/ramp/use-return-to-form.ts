"use client";

import { useMemo, type Dispatch, type RefObject, type SetStateAction } from "react";
import { asIs, useSessionDraft } from "@/components/shared/session-draft";
import { useRestoredPage } from "@/components/shared/use-restored-page";
import type { Region } from "@/lib/ramp/countries";
import { draftKey, isDraft, keptUnlessTyped } from "./draft";
import type { RampFormValues, Side } from "./form-state";

/**
 * The form kept as it is typed (so that a reload, or a tab the phone threw away, loses
 * nothing), and coming back to it:
 * - from signing in or a reload: the form as the user left it (useSessionDraft), but for
 *   what they typed since, before the page's script ran (adopted just before: keptUnlessTyped);
 * - from Coinbase through the back/forward cache: the page as the user left it, but no
 *   longer leaving.
 */
export function useReturnToForm(
  side: Side,
  form: {
    values: RampFormValues;
    /** The values as the server rendered them. */
    initial: RampFormValues;
    region: Region;
    setRegion: Dispatch<SetStateAction<Region>>;
    setValues: Dispatch<SetStateAction<RampFormValues>>;
    setPending: Dispatch<SetStateAction<boolean>>;
    /** Set while a submit is under way, or has sent the user to Coinbase. */
    submitting: RefObject<boolean>;
  },
) {
  const { values, region, setRegion, setValues, setPending, submitting: submittingRef } = form;
  const draft = useMemo(() => ({ values, region }), [values, region]);
  useSessionDraft(
    draftKey(side),
    draft,
    (kept) => {
      setRegion(kept.region);
      setValues((now) => keptUnlessTyped(kept.values, now, form.initial));
    },
    asIs(isDraft),
  );

  useRestoredPage(() => {
    submittingRef.current = false;
    setPending(false);
  });
}
