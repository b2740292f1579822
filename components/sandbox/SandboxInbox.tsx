import { RefreshWhilePending } from "@/components/shared/RefreshWhilePending";
import type { InboxMessage } from "@/lib/mail/sandbox-inbox";

/** The sandbox inbox: every message the app "sent", newest first, in full. */
export function SandboxInbox({ messages }: { messages: InboxMessage[] | null }) {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Sandbox inbox</h1>
      <p className="text-sm text-slate-700">
        In sandbox mode the app sends no email: what it would have sent lands here, for every
        address. With <code>SMTP_URL</code> set, mail goes out for real and this page does not
        exist.
      </p>
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
      {messages?.length === 0 && <p>No messages yet: ask for a sign-in code.</p>}
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
