"use client";

import { useState } from "react";
import { regionLabel, type Region } from "@/lib/ramp/countries";
import { RegionFields } from "./RegionFields";
import { ScriptButton } from "@/components/shared/ScriptButton";

/**
 * Where the user is, guessed from the request and shown in a line ("United States · New
 * York", Change): most people never change it, so it does not take the first two fields.
 */
export function RegionLine({
  region,
  onChange,
}: {
  region: Region;
  onChange: (region: Region) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <span>
          Your region: <strong data-testid="region">{regionLabel(region)}</strong>
        </span>
        <ScriptButton
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
          className="inline-flex min-h-6 items-center font-medium text-blue-800 underline disabled:opacity-60"
        >
          {open ? "Done" : "Change"}
        </ScriptButton>
      </p>
      {open && <RegionFields region={region} onChange={onChange} />}
    </div>
  );
}
