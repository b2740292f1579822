import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { DatabaseUnavailableNotice } from "@/components/shared/DatabaseUnavailableNotice";
import { CODE_LIFETIME_SECONDS } from "@/lib/auth/auth";
import { safeNextPath } from "@/lib/auth/next-path";
import { getPageUser } from "@/lib/auth/page-user";
import { signInCodesInInbox } from "@/lib/mail/sandbox-inbox";
import { withViewerCheck } from "@/components/auth/PageViewerCheck";

export const metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Sign-in with an emailed code; then back to the page the user came from (`?next=`). */
async function SignInPage({ searchParams }: Props) {
  const raw = (await searchParams).next;
  const next = safeNextPath(Array.isArray(raw) ? raw[0] : raw);
  const viewer = await getPageUser();
  if (viewer.state === "signed_in") redirect(next);
  return (
    <div className="max-w-md space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">Sign in</h1>
        <p className="text-slate-700">
          Enter your email and we send you a one-time code. No password: the code is all it takes,
          and it works once.
        </p>
      </div>
      {viewer.state === "unknown" && <DatabaseUnavailableNotice />}
      <SignInForm
        next={next}
        inboxUrl={signInCodesInInbox() ? "/sandbox/inbox" : null}
        codeMinutes={CODE_LIFETIME_SECONDS / 60}
      />
    </div>
  );
}

export default withViewerCheck(SignInPage);
