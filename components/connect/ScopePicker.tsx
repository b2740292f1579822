"use client";

import { SCOPE_GROUPS } from "@/lib/oauth/scopes";

/** One fieldset per resource, one labelled checkbox per scope. */
export function ScopePicker(props: {
  selected: string[];
  granted: string[];
  onToggle: (scope: string, on: boolean) => void;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {SCOPE_GROUPS.map((group) => (
        <fieldset key={group.resource} className="rounded-lg border border-slate-200 p-3">
          <legend className="px-1 text-sm font-semibold">{group.resource}</legend>
          <ul className="space-y-2">
            {group.scopes.map((scope) => (
              <li key={scope.id}>
                <label className="flex gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="mt-1"
                    checked={props.selected.includes(scope.id)}
                    onChange={(e) => props.onToggle(scope.id, e.target.checked)}
                  />
                  <span>
                    {scope.description}
                    {scope.sensitive && (
                      <span className="ml-1 text-amber-800">
                        (moves money or changes your account)
                      </span>
                    )}
                    {props.granted.includes(scope.id) && (
                      <span className="ml-1 text-emerald-800">(already granted)</span>
                    )}
                    <span className="block font-mono text-xs text-slate-600">{scope.id}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
    </div>
  );
}
