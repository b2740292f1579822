import Link from "next/link";
import { notFound } from "next/navigation";
import { GuestOrderSummary } from "@/components/guest/GuestOrderSummary";
import { DatabaseUnavailableNotice } from "@/components/shared/DatabaseUnavailableNotice";
import { getPageUser } from "@/lib/auth/page-user";
import { isDatabaseUnavailable } from "@/lib/db/database-errors";
import { readOrderForPage } from "@/lib/guest/orders";
import { log } from "@/lib/log/logger";
import { toRampTransaction } from "@/lib/ledger/to-ramp-transaction";
import { withViewerCheck } from "@/components/auth/PageViewerCheck";

export const metadata = { title: "Your guest purchase" };

/** A guest order's outcome: asked of Coinbase on every render (at most 2 s old), written to the ledger, shown. */
async function GuestOrderPage(props: {
  params: Promise<{ orderId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { orderId } = await props.params;
  const afterPayment = (await props.searchParams).after === "payment";
  const viewer = await getPageUser();
  if (viewer.state === "unknown") return <NoticeOnly />;
  if (viewer.state !== "signed_in")
    return (
      <section aria-labelledby="order-title" className="space-y-4">
        <h1 id="order-title" className="text-3xl font-semibold">
          Your guest purchase
        </h1>
        <p>
          <Link
            href={`/sign-in?next=/buy/guest/orders/${orderId}`}
            className="text-blue-800 underline"
          >
            Sign in
          </Link>{" "}
          to see this purchase.
        </p>
      </section>
    );
  const found = /^[a-f0-9-]{36}$/.test(orderId)
    ? await readOrderForPage(viewer.user, orderId).catch((error: unknown) => {
        // The database failing after the session was read: said, as when it is down.
        if (!isDatabaseUnavailable(error)) throw error;
        log("warn", "database_unavailable", { page: "/buy/guest/orders" });
        return "database_unavailable" as const;
      })
    : null;
  if (found === "database_unavailable") return <NoticeOnly />;
  if (!found) notFound();
  return (
    <GuestOrderSummary
      orderId={orderId}
      order={found.order}
      transaction={toRampTransaction(found.row)}
      afterPayment={afterPayment}
    />
  );
}

/** The database did not answer: the page's heading, and the notice. */
function NoticeOnly() {
  return (
    <section aria-labelledby="order-title" className="space-y-4">
      <h1 id="order-title" className="text-3xl font-semibold">
        Your guest purchase
      </h1>
      <DatabaseUnavailableNotice />
    </section>
  );
}

export default withViewerCheck(GuestOrderPage);
