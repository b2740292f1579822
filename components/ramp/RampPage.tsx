import { headers } from "next/headers";
import { getConfig } from "@/lib/config/env";
import { withRequestId } from "@/lib/log/logger";
import { guessRegion } from "@/lib/ramp/countries";
import { getRampOptions } from "@/lib/ramp/ramp-options";
import type { Side } from "./form-state";
import { RampForm } from "./RampForm";

const COPY = {
  buy: {
    title: "Buy crypto",
    intro:
      "Choose what to buy and where to receive it. You pay on Coinbase; the crypto arrives in your wallet.",
  },
  sell: {
    title: "Sell crypto",
    intro:
      "Choose what to sell and how to be paid. You confirm on Coinbase, then send the crypto from your wallet.",
  },
} as const;

/** Server part of /buy and /sell: the region's options and the public settings the form needs. */
export async function RampPage({ side }: { side: Side }) {
  const { appUrl, ramp } = getConfig();
  const requestHeaders = await headers();
  const region = guessRegion(requestHeaders.get("accept-language"));
  // Lines logged while the options load (a fallback, an odd answer) carry this page's
  // request id, set by proxy.ts, like those of the API routes.
  const options = await withRequestId(requestHeaders.get("x-request-id"), () =>
    getRampOptions(side, region),
  );
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-semibold">{COPY[side].title}</h1>
        <p className="text-slate-700">{COPY[side].intro}</p>
      </div>
      <RampForm
        side={side}
        payBaseUrl={ramp.payBaseUrl}
        redirectUrl={`${appUrl}/${side}/complete`}
        // TODO(lead): the signed-in user's id; the anonymous ramp_user cookie is gone.
        partnerUserRef={null}
        initialRegion={region}
        initialOptions={options}
      />
    </div>
  );
}
