import Link from "next/link";
import { headers } from "next/headers";
import { DatabaseUnavailableNotice } from "@/components/shared/DatabaseUnavailableNotice";
import { ReloadIfShownAgain } from "@/components/shared/ReloadIfShownAgain";
import { getPageUser } from "@/lib/auth/page-user";
import { guestState } from "@/lib/guest/guest-state";
import { walletOfOrder } from "@/lib/guest/orders";
import { readPrefill } from "@/lib/guest/prefill";
import { readProfile } from "@/lib/guest/profile";
import { GUEST_ORDER_ID } from "@/lib/guest/schemas";
import { lastOrderShown, readLastOrder } from "@/lib/guest/last-order";
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
  const found =
    country === "US" && viewer.state === "signed_in" ? await readLastOrder(viewer.user) : null;
  const replaces = orderIdIn(query.replaces);
  const from = orderIdIn(query.from);
  // The user's order whose purchase this one repeats: in its place (`replaces`), or beside it
  // ("Buy more" on its page, `from`).
  const repeats = replaces ?? from;
  const last = lastOrderShown(found, { replaces, from });
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
      ) : viewer.state === "unknown" ? (
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
        <>
          {/* Its steps move on in the browser: Back must not bring back those of the first load. */}
          <ReloadIfShownAgain renderId={crypto.randomUUID()} />
          <GuestCheckout
            // Each link opens its own form (buy again, /buy's hand-over): not the last one's state.
            key={here}
            userId={viewer.user.id}
            email={viewer.user.email}
            initialState={guestState(await readProfile(viewer.user.id))}
            prefill={{
              ...readPrefill(query),
              // Bought again: the wallet of the order it repeats (the user's own), never a link's.
              address: repeats ? await walletOfOrder(viewer.user.id, repeats) : "",
            }}
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
      )}
    </div>
  );
}

/** An order id from the link, or undefined for none or nonsense (never sent to the database). */
function orderIdIn(value: Query[string]): string | undefined {
  return typeof value === "string" && GUEST_ORDER_ID.test(value) ? value : undefined;
}
