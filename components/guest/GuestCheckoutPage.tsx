import Link from "next/link";
import { headers } from "next/headers";
import { DatabaseUnavailableNotice } from "@/components/shared/DatabaseUnavailableNotice";
import { ReloadIfShownAgain } from "@/components/shared/ReloadIfShownAgain";
import type { SignedInUser } from "@/lib/auth/current-user";
import { getPageUser } from "@/lib/auth/page-user";
import { isDatabaseUnavailable } from "@/lib/db/database-errors";
import { guestState } from "@/lib/guest/guest-state";
import { findOrderRow } from "@/lib/guest/orders";
import { readPrefill } from "@/lib/guest/prefill";
import { readProfile } from "@/lib/guest/profile";
import { pendingCodeWaits } from "@/lib/guest/verification";
import { GUEST_ORDER_ID } from "@/lib/guest/schemas";
import { lastOrderShown, readLastOrder } from "@/lib/guest/last-order";
import { log } from "@/lib/log/logger";
import { guessRegion } from "@/lib/ramp/countries";
import { GuestCheckout } from "./GuestCheckout";
import { LastOrderNotice } from "./LastOrderNotice";

type Query = Record<string, string | string[] | undefined>;

/** Server part of /buy/guest: US only, signed-in only, the user's guest state from the database. */
export async function GuestCheckoutPage({ query }: { query: Query }) {
  const country =
    typeof query.country === "string"
      ? query.country
      : guessRegion((await headers()).get("accept-language")).country;
  const viewer = await getPageUser();
  const linkReplaces = orderIdIn(query.replaces);
  const user = country === "US" && viewer.state === "signed_in" ? viewer.user : null;
  const stored = user ? await readStored(user, linkReplaces ?? orderIdIn(query.from)) : null;
  const read = stored && stored !== "database_unavailable" ? stored : null;
  // A link to buy again in an order's place, opened again once an order took that place (this
  // link's own, reloaded after it failed or was paid): a new order beside it, not a second one
  // in its place, which would be answered "already replaced".
  const replaces = read?.repeated.replacedBy ? undefined : linkReplaces;
  const from = linkReplaces && !replaces ? linkReplaces : orderIdIn(query.from);
  const last = lastOrderShown(read?.found ?? null, { replaces, from });
  const here = `/buy/guest?${new URLSearchParams(
    Object.entries(query).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
  )}`;
  return (
    <div className="max-w-xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">Pay with Apple Pay or Google Pay</h1>
        <p className="text-slate-700">
          No Coinbase account needed: Coinbase verifies your phone and email with one-time codes,
          then you pay with your wallet&apos;s button, right here.
        </p>
      </div>
      {country !== "US" ? (
        <div role="alert" className="space-y-2 rounded-lg bg-amber-50 p-4 text-amber-950">
          <p>Guest checkout with Apple Pay or Google Pay is only offered in the United States.</p>
          <Link href="/buy" className="font-medium underline">
            Buy with a Coinbase account instead
          </Link>
        </div>
      ) : viewer.state === "unknown" || stored === "database_unavailable" ? (
        <DatabaseUnavailableNotice />
      ) : viewer.state === "signed_out" ? (
        <p>
          <Link
            href={`/sign-in?next=${encodeURIComponent(here)}`}
            className="font-medium text-blue-800 underline"
          >
            Sign in to continue
          </Link>
          : we need to know who is buying.
        </p>
      ) : (
        stored && (
          <>
            {/* Its steps move on in the browser: Back must not bring back those of the first load. */}
            <ReloadIfShownAgain renderId={crypto.randomUUID()} />
            <GuestCheckout
              // Each link opens its own form (buy again, /buy's hand-over): not the last one's state.
              key={here}
              userId={viewer.user.id}
              email={viewer.user.email}
              initialState={guestState(stored.profile)}
              codeWaits={stored.codeWaits}
              prefill={{ ...readPrefill(query), address: stored.repeated.address }}
              replaces={replaces}
              from={from}
              resumed={last.resumed}
              notice={
                last.notice && (
                  <LastOrderNotice
                    orderId={last.notice.orderId}
                    initial={last.notice.kind}
                    purchase={last.notice.purchase}
                  />
                )
              }
            />
          </>
        )
      )}
    </div>
  );
}

/**
 * What the form starts from, read from the database: the user's last order, their profile (and
 * the wait before a new code, for a code pending), and
 * the order this one repeats, in its place (`replaces`) or beside it ("Buy more", `from`): its
 * wallet (the user's own, never a link's), and the order that took its place, if one did. The
 * database failing after the session was read (a timeout, a dropped connection) is said, as when
 * it is down, not an error page.
 */
async function readStored(user: SignedInUser, repeats: string | undefined) {
  try {
    const row = repeats ? await findOrderRow(user.id, repeats) : undefined;
    const profile = await readProfile(user.id);
    return {
      found: await readLastOrder(user),
      profile,
      codeWaits: await pendingCodeWaits(user, profile),
      repeated: { address: row?.address ?? "", replacedBy: row?.replacedBy ?? null },
    };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    log("warn", "database_unavailable", { page: "/buy/guest" });
    return "database_unavailable" as const;
  }
}

/** An order id from the link, or undefined for none or nonsense (never sent to the database). */
function orderIdIn(value: Query[string]): string | undefined {
  return typeof value === "string" && GUEST_ORDER_ID.test(value) ? value : undefined;
}
