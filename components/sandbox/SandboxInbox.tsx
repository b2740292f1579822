import Link from "next/link";
import { RefreshWhilePending } from "@/components/shared/RefreshWhilePending";
import type { InboxMessage } from "@/lib/mail/sandbox-inbox";

/**
 * The sandbox inbox, newest first, in full: every message (`everyone`), or the viewer's own
 * (`signedOut`: none until they sign in).
 */
export function SandboxInbox({
  messages,
  everyone = false,
  signedOut = false,
}: {
  messages: InboxMessage[] | null;
  everyone?: boolean;
  signedOut?: boolean;
}) {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Sandbox inbox</h1>
      {everyone ? (
        <p className="text-sm text-slate-700">
          In sandbox mode the app sends no email: what it would have sent (sign-in codes) lands
          here, for every address, with the simulated Coinbase&apos;s texts and emails (guest
          checkout and two-step codes).
        </p>
      ) : (
        <p className="text-sm text-slate-700">
          The app mails its sign-in codes for real (<code>SMTP_URL</code>); the simulated
          Coinbase&apos;s texts and emails (guest checkout and two-step codes) land here, and each
          signed-in user sees only those sent to them.
        </p>
      )}
      {signedOut && (
        <p>
          <Link href="/sign-in?next=/sandbox/inbox" className="font-medium text-blue-800 underline">
            Sign in
          </Link>{" "}
          to see the codes sent to you.
        </p>
      )}
      {/* Opened beside the sign-in page, often before the code is asked for. */}
      <RefreshWhilePending
        everyMs={3000}
        forMs={10 * 60_000}
        stopped="This page has stopped looking for new messages: reload it to look again."
      >
        <p className="text-sm text-slate-700">New messages appear here by themselves.</p>
      </RefreshWhilePending>
      {messages === null && (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          The app&apos;s database cannot be reached right now, so the inbox cannot be shown. Try
          again in a moment.
        </p>
      )}
      {/* The list is no live region (each refresh would read it all): this line says what came,
          present from the start so that a change of it is heard. */}
      {messages && !signedOut && (
        <p role="status" className="sr-only">
          {newestLine(messages)}
        </p>
      )}
      {messages?.length === 0 && !signedOut && (
        <p>No messages yet{everyone ? ": ask for a sign-in code" : ""}.</p>
      )}
      <ol className="space-y-3">
        {messages?.map((m) => (
          <li key={m.id} className="surface rounded-lg border border-slate-200 bg-white p-3">
            <article aria-label={`Message to ${m.to}`}>
              <p className="text-xs text-slate-600">
                To <strong>{m.to}</strong> ·{" "}
                {m.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC
              </p>
              <h2 className="font-medium">{m.subject}</h2>
              <pre className="whitespace-pre-wrap font-sans text-sm">{m.body}</pre>
            </article>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** "3 messages, the newest at 12:03:04 UTC": changes with each message that comes. */
function newestLine(messages: { createdAt: Date }[]): string {
  const newest = messages[0];
  if (!newest) return "";
  const count = messages.length === 1 ? "1 message" : `${messages.length} messages`;
  return `${count}, the newest at ${newest.createdAt.toISOString().slice(11, 19)} UTC`;
}
