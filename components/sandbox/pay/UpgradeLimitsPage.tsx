import { notFound } from "next/navigation";
import type { InputHTMLAttributes } from "react";
import { rampSandboxEnabled } from "@/lib/sandbox/enabled";
import { upgradePage, UPGRADE_PAGE_PATH } from "@/lib/sandbox/onramp/upgrade-page";

/**
 * The sandbox's hosted limit-upgrade page: a plain form posted to the sandbox, which comes
 * back here (it works without JavaScript). Values are checked by the sandbox, not the browser
 * (`noValidate`), so each error is the one shown beside its field.
 */
export function UpgradeLimitsPage(props: { sessionToken: unknown; errorCodes: unknown }) {
  if (!rampSandboxEnabled()) notFound();
  const page = upgradePage(props.sessionToken, props.errorCodes);
  return (
    <section aria-labelledby="upgrade-title" className="space-y-4">
      <h1 id="upgrade-title" className="text-2xl font-semibold">
        Raise your limits
      </h1>
      {page.state === "expired" && (
        <p role="alert" className="text-red-800">
          This link has expired. Ask for your limits to be raised again.
        </p>
      )}
      {page.state === "submitted" && (
        <p role="status">Thanks: Coinbase is reviewing your details.</p>
      )}
      {page.state === "form" && (
        <form
          method="post"
          action={`/sandbox/pay${UPGRADE_PAGE_PATH}/submit`}
          noValidate
          className="space-y-4"
        >
          <input type="hidden" name="sessionToken" value={page.sessionToken} />
          <Field
            name="ssnLast4"
            label="Last 4 digits of your Social Security number"
            error={page.errors.ssnLast4}
            input={{ type: "text", inputMode: "numeric", maxLength: 4, autoComplete: "off" }}
          />
          <Field
            name="dateOfBirth"
            label="Date of birth"
            error={page.errors.dateOfBirth}
            input={{ type: "date", autoComplete: "bday" }}
          />
          <button
            type="submit"
            className="rounded-lg bg-blue-700 px-6 py-3 font-semibold text-white"
          >
            Submit
          </button>
        </form>
      )}
    </section>
  );
}

function Field(props: {
  name: string;
  label: string;
  error: string | undefined;
  input: InputHTMLAttributes<HTMLInputElement>;
}) {
  const errorId = `${props.name}-error`;
  return (
    <div className="space-y-1">
      <label htmlFor={props.name} className="block font-medium">
        {props.label}
      </label>
      <input
        id={props.name}
        name={props.name}
        required
        aria-invalid={props.error ? true : undefined}
        aria-describedby={errorId}
        className="block rounded border border-slate-400 px-3 py-2"
        {...props.input}
      />
      <p id={errorId} aria-live="polite" className="text-sm text-red-800">
        {props.error}
      </p>
    </div>
  );
}
