import type { RampOptions } from "@/lib/ramp/options";

/**
 * What the form did or cannot do, said aloud: a change of region that moved the asset or
 * the currency, an amount converted or cleared, options that could not be loaded.
 */
export function FormNotices({ notices, options }: { notices: string[]; options: RampOptions }) {
  return (
    <>
      <div role="status" aria-live="polite" data-testid="form-notices">
        {notices.length > 0 && (
          <ul className="space-y-1 rounded-lg bg-amber-50 p-2 text-sm text-amber-900">
            {notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
      </div>
      {options.source === "catalog" && (
        <p role="status" className="rounded-lg bg-amber-50 p-2 text-sm text-amber-900">
          Coinbase&apos;s list of options could not be loaded: showing the standard catalog.
          Coinbase checks availability on the next page.
        </p>
      )}
      {options.source === "unavailable" && (
        <p role="alert" className="rounded-lg bg-red-50 p-2 text-sm text-red-800">
          Not available here: {options.note}
        </p>
      )}
    </>
  );
}
