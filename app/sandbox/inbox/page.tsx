import { notFound } from "next/navigation";
import { SandboxInbox } from "@/components/sandbox/SandboxInbox";
import { getPageUser } from "@/lib/auth/page-user";
import { isDatabaseUnavailable } from "@/lib/db/database-errors";
import {
  inboxAddressesOf,
  listSandboxInbox,
  sandboxInboxEnabled,
  signInCodesInInbox,
  type InboxMessage,
} from "@/lib/mail/sandbox-inbox";

export const metadata = { title: "Sandbox inbox", robots: "noindex" };

/**
 * What the sandbox would have texted or emailed; 404 when nothing lands here. Every message
 * while sign-in codes land here too; with SMTP_URL set, only the signed-in viewer's own.
 */
export default async function SandboxInboxPage() {
  if (!sandboxInboxEnabled()) notFound();
  const everyone = signInCodesInInbox();
  let messages: InboxMessage[] | null = null;
  try {
    const viewer = everyone ? null : await getPageUser();
    if (viewer?.state === "signed_out") return <SandboxInbox messages={[]} signedOut />;
    if (!viewer) messages = await listSandboxInbox();
    else if (viewer.state === "signed_in")
      messages = await listSandboxInbox(await inboxAddressesOf(viewer.user));
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    messages = null;
  }
  return <SandboxInbox messages={messages} everyone={everyone} />;
}
