import Link from "next/link";
import { cookies } from "next/headers";
import { currentSession } from "@/lib/oauth/current-session";
import { RENEWAL_FAILURES, renewalReturn } from "@/lib/oauth/renewal-return";
import { resultDetailCookieName, unsealResultDetail } from "@/lib/oauth/result-detail";
import { withViewerCheck } from "@/components/auth/PageViewerCheck";

export const metadata = { title: "Connect Coinbase" };

interface Outcome {
  title: string;
  text: string;
  /** Where the user goes on from here; a new Connect unless the session is still good. */
  next?: { href: string; label: string };
  /** A renewal's outcome: "Try again" goes back to the page it began on, which renews again. */
  retry?: string;
  /** A button that POSTs the renewal, begun on that page: it needs the user's own click. */
  confirm?: string;
  /**
   * A Connect attempt that failed: it changed nothing, so a connection made before ("Ask for
   * more permissions") is still there. Said so, with this text in place of `text` if given.
   */
  attempt?: { whenConnected?: string };
}

const OUTCOMES: Record<string, Outcome> = {
  declined: {
    title: "You declined",
    text: "You chose not to connect your Coinbase account. Nothing was shared with this app.",
    attempt: {
      whenConnected: "You chose not to give this app more access. Nothing more was shared.",
    },
  },
  coinbase_error: {
    title: "Coinbase could not connect your account",
    text: "Coinbase ended the sign-in with an error.",
    attempt: {},
  },
  state_missing: {
    title: "This request to connect has expired or was already answered",
    text: "A request to connect your Coinbase account is answered on Coinbase's page within 10 minutes, in the browser that started it, and once: an answer given again (after Back) or late is not taken.",
    attempt: {},
  },
  state_mismatch: {
    title: "This sign-in did not start here",
    text: "The response did not match the sign-in this browser started, so it was ignored to keep your account safe.",
    attempt: {},
  },
  code_missing: {
    title: "Coinbase sent no authorization",
    text: "The response had no authorization code.",
    attempt: {},
  },
  exchange_failed: {
    title: "Could not finish connecting",
    text: "Coinbase did not accept the authorization.",
    attempt: {},
  },
  session_ended: {
    title: "Your Coinbase session has ended",
    text: "Connect again to keep using your account here.",
    next: { href: "/connect", label: "Connect again" },
  },
  store_unavailable: {
    title: "Sign-in is unavailable for a moment",
    text: "This app could not check that the sign-in was new, so it did not accept it. Nothing was shared. Please try again shortly.",
    attempt: {},
  },
  rate_limited: {
    title: "Too many sign-ins at once",
    text: "Your network started too many Coinbase sign-ins within a minute. Nothing was shared. Wait a minute, then try again.",
    attempt: {},
  },
  refresh_store_unavailable: { ...RENEWAL_FAILURES.refresh_store_unavailable, retry: "Try again" },
  refresh_confirm: {
    title: "Renew your Coinbase session",
    text: "Your Coinbase session needs renewing. For your safety this app renews it only when you ask, from its own page.",
    confirm: "Renew my session",
  },
  disconnect_unavailable: {
    title: "Could not disconnect just now",
    text: "This app could not check who is signed in, so nothing changed: you are still connected. Try again in a moment.",
    next: { href: "/account", label: "Back to your account" },
  },
  refresh_unavailable: { ...RENEWAL_FAILURES.refresh_unavailable, retry: "Try again" },
  refresh_failed_here: { ...RENEWAL_FAILURES.refresh_failed_here, retry: "Try again" },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every way a Connect attempt (or a renewal) can end badly, each with a way on. */
async function OAuthResultPage({ searchParams }: Props) {
  const params = await searchParams;
  const failure = typeof params.failure === "string" ? params.failure : "";
  // Own keys only: `?failure=constructor` must not find Object's.
  const outcome = Object.hasOwn(OUTCOMES, failure) ? OUTCOMES[failure]! : OUTCOMES.exchange_failed!;
  const renewal = renewalReturn(typeof params.from === "string" ? params.from : null);
  // The callback leaves the session cookie alone when it fails: an earlier grant still holds.
  const stillConnected = outcome.attempt !== undefined && (await currentSession()) !== null;
  const next = stillConnected
    ? { href: "/account", label: "Back to your account" }
    : outcome.retry
      ? { href: renewal.retry, label: outcome.retry }
      : outcome.next;
  const detail = await unsealResultDetail(
    (await cookies()).get(resultDetailCookieName())?.value,
    failure,
  );
  return (
    <section className="space-y-3" aria-labelledby="result-title">
      <h1 id="result-title" className="text-3xl font-semibold">
        {outcome.title}
      </h1>
      <p>{(stillConnected && outcome.attempt?.whenConnected) || outcome.text}</p>
      {stillConnected && (
        <p>Your Coinbase account is still connected, with the permissions you gave before.</p>
      )}
      {detail && <p className="text-sm text-slate-700">Details: {detail}</p>}
      {outcome.confirm && (
        <form method="post" action={renewal.renew}>
          <button className="rounded-full bg-blue-700 px-5 py-2 font-medium text-white hover:bg-blue-800">
            {outcome.confirm}
          </button>
        </form>
      )}
      <Link
        href={next?.href ?? "/connect"}
        className="inline-block font-medium text-blue-800 underline"
      >
        {next?.label ?? "Start over"}
      </Link>
    </section>
  );
}

export default withViewerCheck(OAuthResultPage);
