import { Suspense } from "react";
import type { PageUser } from "@/lib/auth/page-user";
import { caughtUpHistory, type RampHistory as History } from "@/lib/ledger/account-history";
import { needsCatchUp } from "@/lib/ledger/catch-up";
import { RampHistory } from "./RampHistory";

/**
 * The ramp history as the ledger has it, at once; when Coinbase may still move some of its
 * rows (a purchase paid but never followed to its completion page, say), the same history
 * again once Coinbase was asked, streamed in to replace it (lib/ledger/catch-up.ts says why).
 */
export function CatchingUpHistory({
  viewer,
  history,
  after,
}: {
  viewer: PageUser;
  history: History;
  after?: string;
}) {
  if (history.kind !== "ready" || !needsCatchUp(history.transactions))
    return <RampHistory history={history} />;
  return (
    <Suspense fallback={<RampHistory history={history} />}>
      <CaughtUp viewer={viewer} history={history} after={after} />
    </Suspense>
  );
}

async function CaughtUp(props: { viewer: PageUser; history: History; after?: string }) {
  return <RampHistory history={await caughtUpHistory(props.viewer, props.history, props.after)} />;
}
