import "server-only";
import { listedAssets } from "./asset-listing";
import { limitEntries } from "./limits";
import {
  cashoutMethods,
  parseRegion,
  paymentCurrencies,
  paymentMethods,
  type Region,
} from "./regions";
import { rejectUnsigned } from "./require-signed";
import { rpcStatus } from "./rpc-status";

function buyOptions(region: Region) {
  const methods = paymentMethods(region);
  return {
    payment_currencies: paymentCurrencies(region).map((id) => ({
      id,
      limits: limitEntries(methods, id),
    })),
    purchase_currencies: listedAssets(region),
  };
}

function sellOptions(region: Region) {
  const methods = cashoutMethods(region);
  return {
    cashout_currencies: paymentCurrencies(region).map((id) => ({
      id,
      limits: limitEntries(methods, id),
    })),
    sell_currencies: listedAssets(region),
  };
}

async function handleOptions(
  request: Request,
  build: (region: Region) => object,
): Promise<Response> {
  const unsigned = await rejectUnsigned(request);
  if (unsigned) return unsigned;
  const query = new URL(request.url).searchParams;
  const region = parseRegion(query.get("country"), query.get("subdivision"));
  if (!region.ok) return rpcStatus(400, region.message);
  return Response.json(build(region.value));
}

/** GET /onramp/v1/buy/options?country=&subdivision= */
export function handleBuyOptions(request: Request): Promise<Response> {
  return handleOptions(request, buyOptions);
}

/** GET /onramp/v1/sell/options?country=&subdivision= */
export function handleSellOptions(request: Request): Promise<Response> {
  return handleOptions(request, sellOptions);
}
