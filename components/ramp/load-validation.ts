"use client";

import { useCallback, useState } from "react";
import { loadOnce } from "@/components/shared/load-once";

export type Validation = typeof import("./validation");

/** Loads the form's validation code once per page; later calls share the same promise. */
export const loadValidation = loadOnce<Validation>(() => import("./validation"));

/** The validation module once loaded (null before), and a way to start loading it. */
export function useValidation() {
  const [validation, setValidation] = useState<Validation | null>(null);
  const ensure = useCallback(async () => {
    const loaded = await loadValidation();
    setValidation(loaded);
    return loaded;
  }, []);
  return { validation, ensure };
}
