"use client";

import { SelectField } from "@/components/shared/fields";
import {
  COUNTRIES,
  US_STATES,
  needsSubdivision,
  stateName,
  type Region,
} from "@/lib/ramp/countries";

/** Where the user is: decides what Coinbase offers them. */
export function RegionFields({
  region,
  onChange,
}: {
  region: Region;
  onChange: (region: Region) => void;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField
        label="Country"
        value={region.country}
        onChange={(country) =>
          onChange(
            needsSubdivision(country)
              ? { country, subdivision: region.subdivision ?? "NY" }
              : { country },
          )
        }
        options={COUNTRIES.map((c) => ({ value: c.code, label: c.name }))}
      />
      {needsSubdivision(region.country) && (
        <SelectField
          label="State"
          value={region.subdivision ?? ""}
          onChange={(subdivision) => onChange({ ...region, subdivision })}
          // Named as people know them; the code is what Coinbase's APIs take.
          options={US_STATES.map((s) => ({ value: s, label: stateName(s) }))}
        />
      )}
    </div>
  );
}
