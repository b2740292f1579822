import type { ConsentView } from "@/lib/sandbox/oauth/authorize";
import { AccountPicker } from "./AccountPicker";
import { ConsentForm } from "./ConsentForm";
import { SEND_LIMIT_ERROR_ID } from "./send-limit-error";

/** The stand-in for Coinbase's consent page: who asks, for what, over which accounts. */
export function ConsentScreen({ view }: { view: ConsentView }) {
  return (
    <section aria-labelledby="consent-title" className="space-y-6">
      <div className="space-y-1">
        <p className="text-sm text-slate-600">Signed in as Sandy Sandbox</p>
        <h1 id="consent-title" className="text-2xl font-semibold">
          {view.appName} wants to access your Coinbase account
        </h1>
      </div>
      <div>
        <h2 className="font-medium">It will be able to</h2>
        <ul className="mt-2 space-y-2 text-sm">
          {view.permissions.map((scope) => (
            <li key={scope.id} className="flex flex-wrap items-baseline gap-x-2">
              <span>{scope.description}</span>
              {scope.sensitive ? (
                <span className="rounded bg-amber-200 px-1.5 text-xs font-semibold text-amber-950">
                  Sensitive
                </span>
              ) : null}
              <code className="text-xs text-slate-500">{scope.id}</code>
            </li>
          ))}
        </ul>
      </div>
      <ConsentForm
        pendingId={view.pendingId}
        needsAccount={view.account === "select"}
        askedLimit={view.sendLimit}
        limit={
          view.sendLimit ? (
            <div className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
              <p>
                <strong>Send limit asked for:</strong> {view.sendLimitText}
              </p>
              <label className="flex flex-wrap items-center gap-2">
                <span>You may lower it: send at most</span>
                <input
                  name="send_limit_amount"
                  defaultValue={view.sendLimit.amount}
                  inputMode="decimal"
                  aria-describedby={`send-limit-hint ${SEND_LIMIT_ERROR_ID}`}
                  className="w-28 rounded border border-slate-400 px-2 py-1"
                />
                <span>
                  {view.sendLimit.currency} per {view.sendLimit.period}
                </span>
              </label>
              <p id="send-limit-hint" className="text-xs text-slate-600">
                Up to {view.sendLimit.amount} {view.sendLimit.currency}; the app never sends more in
                a {view.sendLimit.period}.
              </p>
            </div>
          ) : null
        }
      >
        {view.account === "select" ? (
          <AccountPicker
            choices={view.choices}
            currencies={view.accountCurrencies}
            preselected={view.preselected}
          />
        ) : (
          <p className="text-sm">
            {view.account === "all"
              ? "All of your accounts will be shared with this app."
              : view.keepsAppAccount
                ? "Your USDC account “Ramps reference”, made for this app when you connected it, stays shared with it. Your other accounts stay private."
                : "A new USDC account named “Ramps reference” will be created and shared with this app. Your other accounts stay private."}
          </p>
        )}
      </ConsentForm>
    </section>
  );
}
