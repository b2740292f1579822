import { notFound } from "next/navigation";
import { SandboxInbox } from "@/components/sandbox/SandboxInbox";
import { isDatabaseUnavailable } from "@/lib/db/database-errors";
import { listSandboxInbox, sandboxInboxEnabled, type InboxMessage } from "@/lib/mail/sandbox-inbox";

export const metadata = { title: "Sandbox inbox", robots: "noindex" };

/** What the app would have emailed (sign-in codes), in sandbox mode only; 404 otherwise. */
export default async function SandboxInboxPage() {
  if (!sandboxInboxEnabled()) notFound();
  let messages: InboxMessage[] | null;
  try {
    messages = await listSandboxInbox();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    messages = null;
  }
  return <SandboxInbox messages={messages} />;
}
