"use client";

import { useEffect, useId, useRef, type ChangeEvent, type ReactNode } from "react";

interface Common {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** When the user leaves the field: where a check waits until a value is finished. */
  onBlur?: () => void;
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

/**
 * On a slow phone the page shows its fields before its script runs, and what the user types
 * or picks then is in the element but not in React's state: the first render after hydration
 * would wipe it, or a submit would find the field empty. Once hydrated, the field adopts it.
 */
export function useKeepsEarlyInput<T extends HTMLInputElement | HTMLSelectElement>(
  value: string,
  onChange: (value: string) => void,
) {
  return useOnHydration<T>((element) => {
    const early = changedFromServerHtml(element);
    if (early !== null && early !== value) onChange(early);
  });
}

/**
 * `useKeepsEarlyInput` for checkboxes and radios, the ref on an element around them: once
 * hydrated, each box the user ticked or unticked before is handed to `adopt`. Hydrating, React
 * leaves `checked` as the user set it and sets `defaultChecked` to its own state. A radio picked
 * early comes with the one it replaced: adopt the checked one.
 */
export function useKeepsEarlyChecks<T extends HTMLElement>(
  adopt: (input: HTMLInputElement) => void,
) {
  return useOnHydration<T>((element) => {
    const boxes = element.querySelectorAll<HTMLInputElement>(
      'input[type="checkbox"], input[type="radio"]',
    );
    for (const box of boxes) if (box.checked !== box.defaultChecked) adopt(box);
  });
}

/** A ref whose element `inspect` sees once, right after hydration; later changes arrive through events. */
function useOnHydration<T extends HTMLElement>(inspect: (element: T) => void) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (ref.current) inspect(ref.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return ref;
}

/** What the user put in the element before hydration, or null if it is as the server sent it. */
function changedFromServerHtml(element: HTMLInputElement | HTMLSelectElement): string | null {
  if (element instanceof HTMLSelectElement) {
    const sent = Array.from(element.options).find((option) => option.defaultSelected);
    return sent && element.value !== sent.value ? element.value : null;
  }
  return element.value !== element.defaultValue ? element.value : null;
}

/** What every field's control carries: its id, its value and change, its early input, its state. */
function useControl<T extends HTMLInputElement | HTMLSelectElement>(props: Common) {
  const id = useId();
  const ref = useKeepsEarlyInput<T>(props.value, props.onChange);
  return {
    errorId: `${id}-error`,
    control: {
      ref,
      id,
      value: props.value,
      onChange: (event: ChangeEvent<T>) => props.onChange(event.target.value),
      onBlur: props.onBlur,
      disabled: props.disabled,
      "aria-invalid": props.error ? true : undefined,
    },
  };
}

/** A field's frame: its label above the control, and its error line below. */
function Frame(props: {
  id: string;
  label: string;
  errorId: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={props.id} className="block text-sm font-medium">
        {props.label}
      </label>
      {props.children}
      <ErrorLine id={props.errorId} error={props.error} />
    </div>
  );
}

export function Field(
  props: Common & {
    mono?: boolean;
    inputMode?: "decimal" | "text" | "numeric" | "email" | "tel";
    type?: "text" | "email" | "tel";
    autoComplete?: string;
    /** Only for a field that appears because of what the user just did (a code just sent). */
    autoFocus?: boolean;
    /** What else describes the field, read with it when it takes the focus (a notice's id). */
    describedBy?: string;
  },
) {
  const { errorId, control } = useControl<HTMLInputElement>(props);
  const hintId = props.hint ? `${control.id}-hint` : undefined;
  return (
    <Frame id={control.id} label={props.label} errorId={errorId} error={props.error}>
      <input
        {...control}
        type={props.type}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete}
        autoFocus={props.autoFocus}
        spellCheck={false}
        // A monospaced field holds what must be typed exactly (an address): a phone must not
        // capitalise its first letter or "correct" it. Solana addresses have no checksum.
        autoCapitalize={props.mono ? "off" : undefined}
        autoCorrect={props.mono ? "off" : undefined}
        aria-describedby={[props.describedBy, hintId, errorId].filter(Boolean).join(" ")}
        // 16px on a phone: iOS zooms the page into a field in a smaller font when it is focused.
        className={`w-full rounded-lg border px-3 py-2 ${props.mono ? "font-mono text-base sm:text-sm" : ""} ${props.error ? "border-red-600" : "border-slate-300"}`}
      />
      {props.hint && (
        <p id={hintId} className="text-xs text-slate-600">
          {props.hint}
        </p>
      )}
    </Frame>
  );
}

export function SelectField(props: Common & { options: { value: string; label: string }[] }) {
  const { errorId, control } = useControl<HTMLSelectElement>(props);
  return (
    <Frame id={control.id} label={props.label} errorId={errorId} error={props.error}>
      <select
        {...control}
        aria-describedby={errorId}
        className="surface w-full rounded-lg border border-slate-300 bg-white px-3 py-2"
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}
