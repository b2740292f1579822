"use client";

import { useState, type ReactNode } from "react";
import { useKeepsEarlyChecks } from "@/components/shared/fields";
import { SCOPE_GROUPS } from "@/lib/oauth/scopes";

/**
 * One collapsed group per resource (short on a phone), its summary saying how many are
 * chosen; a group opens once one of its scopes is chosen (at first, or by a preset), and
 * stays open when its last is unticked rather than snapping shut under the user's finger.
 * Each scope in plain words, its raw id in small type. Scopes already granted stay ticked:
 * asking for more never silently drops one (Disconnect is how a grant ends). `after` renders
 * beside a scope (the send limit).
 */
export function ScopePicker(props: {
  selected: string[];
  granted: string[];
  onToggle: (scope: string, on: boolean) => void;
  after?: (scope: string) => ReactNode;
}) {
  const ref = useKeepsEarlyChecks<HTMLDivElement>((box) => props.onToggle(box.value, box.checked));
  // Groups that have had a chosen scope: `open` is only ever set, so closing one is the user's.
  const [opened, setOpened] = useState(() => groupsWithChosen(props.selected));
  const newlyChosen = groupsWithChosen(props.selected).filter((g) => !opened.includes(g));
  if (newlyChosen.length) setOpened([...opened, ...newlyChosen]);
  return (
    <div ref={ref} className="space-y-2">
      {SCOPE_GROUPS.map((group) => {
        const chosen = group.scopes.filter((s) => props.selected.includes(s.id)).length;
        return (
          <details
            key={group.resource}
            open={opened.includes(group.resource) || undefined}
            className="rounded-lg border border-slate-200 p-3"
          >
            <summary className="cursor-pointer text-sm font-semibold">
              {/* The space: else read out as one word with what follows ("Accounts1 of 4 chosen"). */}
              {group.resource}{" "}
              <span className="ml-1 font-normal text-slate-600">
                {chosen ? `${chosen} of ${group.scopes.length} chosen` : "none chosen"}
              </span>
            </summary>
            <fieldset className="mt-2">
              <legend className="sr-only">{group.resource}</legend>
              <ul className="space-y-3">
                {group.scopes.map((scope) => {
                  const granted = props.granted.includes(scope.id);
                  return (
                    <li key={scope.id} className="space-y-2">
                      <label className="flex gap-2 text-sm">
                        <input
                          type="checkbox"
                          value={scope.id}
                          className="mt-1 size-4 shrink-0"
                          checked={granted || props.selected.includes(scope.id)}
                          disabled={granted}
                          aria-describedby={granted ? `${scope.id}-kept` : undefined}
                          onChange={(e) => props.onToggle(scope.id, e.target.checked)}
                        />
                        <span>
                          {scope.description}
                          {/* Spaces in the text, not margins: the label is read as one name. */}
                          {scope.sensitive && (
                            <>
                              {" "}
                              <span className="text-amber-800">
                                (moves money or changes your account)
                              </span>
                            </>
                          )}
                          {granted && (
                            <>
                              {" "}
                              <span id={`${scope.id}-kept`} className="text-emerald-800">
                                (already granted: kept)
                              </span>
                            </>
                          )}{" "}
                          <span className="block font-mono text-xs text-slate-600">{scope.id}</span>
                        </span>
                      </label>
                      {props.after?.(scope.id)}
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          </details>
        );
      })}
    </div>
  );
}

function groupsWithChosen(selected: string[]): string[] {
  return SCOPE_GROUPS.filter((g) => g.scopes.some((s) => selected.includes(s.id))).map(
    (g) => g.resource,
  );
}
