"use client";

import type { ReactNode } from "react";

/** The flow's notice line: an alert for problems, a polite status otherwise. */
export function Notice({ tone, children }: { tone: "error" | "info"; children: ReactNode }) {
  if (!children) return null;
  return tone === "error" ? (
    // Focusable by script: a refused step takes focus here (useFocusFirstError).
    <p role="alert" tabIndex={-1} className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
      {children}
    </p>
  ) : (
    <p role="status" className="rounded-lg bg-blue-50 p-3 text-sm text-blue-900">
      {children}
    </p>
  );
}

/** The flow's primary button. */
export const BUTTON =
  "rounded-full bg-blue-700 px-5 py-2.5 font-medium text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:opacity-70";
