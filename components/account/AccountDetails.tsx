import Link from "next/link";
import type { CoinbaseAccount, CoinbaseAuthInfo, CoinbaseUser } from "@/lib/oauth/coinbase-api";
import { describeScope } from "@/lib/oauth/scopes";

interface Props {
  user?: CoinbaseUser;
  auth: CoinbaseAuthInfo;
  accounts?: CoinbaseAccount[];
  notes: string[];
}

/** The signed-in view: who, what the app may do, and the shared accounts. */
export function AccountDetails({ user, auth, accounts, notes }: Props) {
  return (
    <div className="space-y-8">
      {user && (
        <section aria-labelledby="user-title">
          <h2 id="user-title" className="text-lg font-semibold">
            Signed in as {user.name ?? user.username ?? user.id}
          </h2>
          {user.email && <p className="text-sm text-slate-700">{user.email}</p>}
        </section>
      )}
      <section aria-labelledby="scopes-title" className="space-y-2">
        <h2 id="scopes-title" className="text-lg font-semibold">
          Permissions granted
        </h2>
        <ul className="space-y-1 text-sm" aria-label="Granted permissions">
          {auth.scopes.map((s) => (
            <li key={s}>
              <span className="font-mono">{s}</span>:{" "}
              {describeScope(s)?.description ?? "unknown permission"}
            </li>
          ))}
        </ul>
        {auth.oauthMeta.send_limit_amount && (
          <p className="text-sm">
            Send limit: {auth.oauthMeta.send_limit_amount} {auth.oauthMeta.send_limit_currency} per{" "}
            {auth.oauthMeta.send_limit_period}
          </p>
        )}
        <Link
          href={`/connect?add=${encodeURIComponent(auth.scopes.join(","))}`}
          className="inline-block text-sm font-medium text-blue-800 underline"
        >
          Ask for more permissions
        </Link>
      </section>
      {accounts && (
        <section aria-labelledby="accounts-title" className="space-y-2">
          <h2 id="accounts-title" className="text-lg font-semibold">
            Accounts
          </h2>
          {accounts.length === 0 ? (
            <p className="text-sm">No accounts were shared with this app.</p>
          ) : (
            <table className="w-full text-left text-sm">
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Currency</th>
                  <th scope="col" className="text-right">
                    Balance
                  </th>
                </tr>
              </thead>
              <tbody>
                {accounts.map((a) => (
                  <tr key={a.id} className="border-t border-slate-100">
                    <td className="py-1">{a.name}</td>
                    <td>{a.currency}</td>
                    <td className="text-right font-mono">
                      {a.balance.amount} {a.balance.currency}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {notes.map((n) => (
        <p key={n} className="text-sm text-slate-600">
          {n}
        </p>
      ))}
      <form method="post" action="/oauth/disconnect">
        <button className="rounded-full border border-red-700 px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50">
          Disconnect
        </button>
      </form>
    </div>
  );
}
