import type { SandboxAccount } from "@/lib/sandbox/oauth/accounts";

// Here, not in the client form: a server component importing a value from a
// "use client" module would get a client reference, not the string.
export const ACCOUNT_ERROR_ID = "consent-account-error";

/**
 * `account=select`: the user ticks which accounts the app may see. Those the app already
 * has are ticked (asking for more keeps them); on a first grant, the first one.
 */
export function AccountPicker({
  choices,
  currencies,
  preselected,
}: {
  choices: SandboxAccount[];
  currencies: string[];
  preselected: string[];
}) {
  return (
    <fieldset aria-describedby={ACCOUNT_ERROR_ID} className="space-y-2">
      <legend className="font-medium">Accounts this app may use</legend>
      {choices.length === 0 ? (
        <p className="text-sm">You have no {currencies.join(" or ")} account to share.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {choices.map((account, index) => (
            <li key={account.id}>
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  name="account"
                  value={account.id}
                  defaultChecked={
                    preselected.length ? preselected.includes(account.id) : index === 0
                  }
                  className="size-4"
                />
                <span>{account.name}</span>
                <span className="font-mono text-slate-600">
                  {account.balance.amount} {account.balance.currency}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
