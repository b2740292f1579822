import Link from "next/link";
import type { CoinbaseAccount, CoinbaseAuthInfo, CoinbaseUser } from "@/lib/oauth/coinbase-api";
import { askForMoreHref } from "@/lib/oauth/ask-for-more";
import { describeScope } from "@/lib/oauth/scopes";
import { moneyAmount } from "@/lib/ramp/money-text";
import type { SendView } from "@/lib/oauth/send-view";
import { SendForm } from "./SendForm";
import { sendLimitLine } from "./send-state";

interface Props {
  user?: CoinbaseUser;
  auth: CoinbaseAuthInfo;
  accounts?: CoinbaseAccount[];
  send?: SendView;
  notes: string[];
}

/**
 * The signed-in view: who, what the app may do, and the shared accounts; its headings sit
 * under the page's "Your Coinbase account".
 */
export function AccountDetails({ user, auth, accounts, send, notes }: Props) {
  const budget = send?.budget;
  return (
    <div className="space-y-8">
      {user && (
        <section aria-labelledby="user-title">
          <h3 id="user-title" className="text-lg font-semibold">
            Signed in as {user.name ?? user.username ?? user.id}
          </h3>
          {user.email && <p className="text-sm text-slate-700">{user.email}</p>}
        </section>
      )}
      <section aria-labelledby="scopes-title" className="space-y-2">
        <h3 id="scopes-title" className="text-lg font-semibold">
          Permissions granted
        </h3>
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
            Send limit:{" "}
            {moneyAmount(
              auth.oauthMeta.send_limit_amount,
              auth.oauthMeta.send_limit_currency ?? "",
            )}{" "}
            per {auth.oauthMeta.send_limit_period}
          </p>
        )}
        <Link
          href={askForMoreHref(auth.scopes)}
          className="inline-flex min-h-6 items-center text-sm font-medium text-blue-800 underline"
        >
          Ask for more permissions
        </Link>
      </section>
      {accounts && (
        <section aria-labelledby="accounts-title" className="space-y-2">
          <h3 id="accounts-title" className="text-lg font-semibold">
            Accounts
          </h3>
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
                      {moneyAmount(a.balance.amount, a.balance.currency)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {send && (
        <section aria-labelledby="send-title" className="space-y-3">
          <h3 id="send-title" className="text-lg font-semibold">
            Send crypto
          </h3>
          {budget && (
            <p className="text-sm" data-testid="send-remaining">
              {sendLimitLine(budget)}
            </p>
          )}
          <SendForm view={send} />
        </section>
      )}
      {notes.map((n) => (
        <p key={n} className="text-sm text-slate-600">
          {n}
        </p>
      ))}
      {/* Two steps, so a thumb that slips off Send does not end the grant: a disclosure, which
          works before (or without) the page's script as after it. */}
      <details className="group space-y-3">
        <summary className="inline-block cursor-pointer list-none rounded-full border border-red-700 px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50 [&::-webkit-details-marker]:hidden">
          Disconnect
        </summary>
        <form method="post" action="/oauth/disconnect" className="space-y-2 text-sm">
          <p>
            Coinbase stops this app from seeing your account or sending for you. To use it again,
            you connect again and approve its permissions and limit.
          </p>
          <button className="rounded-full bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800">
            Yes, disconnect
          </button>
        </form>
      </details>
    </div>
  );
}
