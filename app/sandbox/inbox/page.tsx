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
  const shown = await readInbox(everyone);
  if (shown === "signed_out") return <SandboxInbox messages={[]} signedOut />;
  return <SandboxInbox messages={shown} everyone={everyone} />;
}

/** The messages to show (null: the database did not answer), or "signed_out" to ask who. */
async function readInbox(everyone: boolean): Promise<InboxMessage[] | null | "signed_out"> {
  try {
    if (everyone) return await listSandboxInbox();
    const viewer = await getPageUser();
    if (viewer.state === "signed_out") return "signed_out";
    if (viewer.state === "unknown") return null;
    return await listSandboxInbox(await inboxAddressesOf(viewer.user));
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return null;
  }
}
