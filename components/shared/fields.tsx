"use client";

import { useId, type ReactNode } from "react";

interface Common {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: ReactNode;
  disabled?: boolean;
}

/** The error line is always rendered, so screen readers announce it when it fills. */
function ErrorLine({ id, error }: { id: string; error?: string }) {
  return (
    <p id={id} aria-live="polite" className="min-h-5 text-sm text-red-700">
      {error}
    </p>
  );
}

export function Field(
  props: Common & {
    mono?: boolean;
    inputMode?: "decimal" | "text" | "numeric" | "email" | "tel";
    type?: "text" | "email" | "tel";
    autoComplete?: string;
  },
) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = props.hint ? `${id}-hint` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {props.label}
      </label>
      <input
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        disabled={props.disabled}
        type={props.type}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete}
        spellCheck={false}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}
        className={`w-full rounded-lg border px-3 py-2 ${props.mono ? "font-mono text-sm" : ""} ${props.error ? "border-red-600" : "border-slate-300"}`}
      />
      {props.hint && (
        <p id={hintId} className="text-xs text-slate-600">
          {props.hint}
        </p>
      )}
      <ErrorLine id={errorId} error={props.error} />
    </div>
  );
}

export function SelectField(props: Common & { options: { value: string; label: string }[] }) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {props.label}
      </label>
      <select
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={errorId}
        className="surface w-full rounded-lg border border-slate-300 bg-white px-3 py-2"
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorLine id={errorId} error={props.error} />
    </div>
  );
}
