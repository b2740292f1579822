import { Suspense } from "react";
import type { PageUser } from "@/lib/auth/page-user";
import { caughtUpHistory, type RampHistory as History } from "@/lib/ledger/account-history";
import { needsCatchUp } from "@/lib/ledger/catch-up";
import { HistoryBody, HistorySection, RampHistory } from "./RampHistory";

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
    return <RampHistory history={history} after={after} />;
  // The heading stays while the rows are replaced: it may hold the focus (HistoryPageLink.tsx).
  return (
    <HistorySection after={after}>
      <Suspense fallback={<HistoryBody history={history} />}>
        <CaughtUp viewer={viewer} history={history} after={after} />
      </Suspense>
    </HistorySection>
  );
}

async function CaughtUp(props: { viewer: PageUser; history: History; after?: string }) {
  return <HistoryBody history={await caughtUpHistory(props.viewer, props.history, props.after)} />;
}
