"use client";

import { useMemo, useState, type Dispatch, type RefObject, type SetStateAction } from "react";
import { asIs, useSessionDraft } from "@/components/shared/session-draft";
import { useRestoredPage } from "@/components/shared/use-restored-page";
import type { Region } from "@/lib/ramp/countries";
import { draftKey, isDraft, keptUnlessTyped, type RampDraft } from "./draft";
import type { RampFormValues, Side } from "./form-state";

/**
 * The form kept as it is typed (so that a reload, or a tab the phone threw away, loses
 * nothing), and coming back to it:
 * - from signing in or a reload: the form as the user left it (useSessionDraft), but for
 *   what they typed since, before the page's script ran (keptUnlessTyped), and what that took
 *   away said (`say`);
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
    say: (note: string) => void;
    /** Set while a submit is under way, or has sent the user to Coinbase. */
    submitting: RefObject<boolean>;
  },
) {
  const { values, region, setRegion, setValues, setPending, say, submitting: submittingRef } = form;
  const draft = useMemo(() => ({ values, region }), [values, region]);
  // A kept draft is applied on the render after it is read: by then the fields have adopted
  // what was typed before the script ran (their effects run first), and `values` holds it.
  const [kept, setKept] = useState<RampDraft | null>(null);
  useSessionDraft(
    draftKey(side),
    draft,
    (found) => {
      setRegion(found.region);
      setKept(found);
    },
    asIs(isDraft),
  );
  if (kept) {
    // Set while rendering (React's way to follow a change): no frame shows the form without it.
    setKept(null);
    const restored = keptUnlessTyped(kept.values, values, form.initial);
    setValues(restored.values);
    if (restored.note) say(restored.note);
  }

  useRestoredPage(() => {
    submittingRef.current = false;
    setPending(false);
  });
}
