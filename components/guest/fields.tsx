"use client";

import { useId, type ReactNode } from "react";

/** A labelled input whose error sits in an aria-describedby element, announced politely. */
export function TextField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: ReactNode;
  inputMode?: "decimal" | "text" | "numeric" | "tel";
  autoComplete?: string;
  mono?: boolean;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {props.label}
      </label>
      <input
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete}
        spellCheck={false}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={`${id}-hint ${id}-error`}
        className={`w-full rounded-lg border px-3 py-2 ${props.mono ? "font-mono text-sm" : ""} ${props.error ? "border-red-600" : "border-slate-300"}`}
      />
      {props.hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {props.hint}
        </p>
      )}
      <p id={`${id}-error`} aria-live="polite" className="min-h-5 text-sm text-red-700">
        {props.error}
      </p>
    </div>
  );
}

export function SelectBox(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  error?: string;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {props.label}
      </label>
      <select
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-describedby={`${id}-error`}
        className="w-full rounded-lg border border-slate-300 bg-white px-3 py-2"
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <p id={`${id}-error`} aria-live="polite" className="min-h-5 text-sm text-red-700">
        {props.error}
      </p>
    </div>
  );
}

/** The flow's notice line: an alert for problems, a polite status otherwise. */
export function Notice({ tone, children }: { tone: "error" | "info"; children: ReactNode }) {
  if (!children) return null;
  return tone === "error" ? (
    <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
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
