import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config/env";
import { guardMintingRequest } from "@/lib/abuse/guard-minting";
import { handle } from "@/lib/http/handle";
import { statusCapabilityCookie } from "@/lib/ledger/status-capability";
import {
  handoffFailure,
  isLinkId,
  redeemHandoff,
  refusalPage,
  type Redeemed,
} from "@/lib/ramp/handoff";
import { refuseOtherMethods } from "@/lib/http/other-methods";

type Params = { params: Promise<{ id: string }> };

/**
 * Opening the link only shows what it will do (`/handoff/<id>`): whoever GETs it, a chat's
 * link preview, a mail scanner, a prefetch or the user's browser, mints nothing and uses
 * nothing up. The user goes on with "Continue to Coinbase" there, a POST to this route.
 */
export async function GET(request: NextRequest, { params }: Params) {
  const { id } = await params;
  return handle(request, async () => {
    const page = isLinkId(id) ? `/handoff/${id}` : "/handoff?link=unknown";
    return noStore(NextResponse.redirect(new URL(page, getConfig().appUrl), 303));
  });
}

/** "Continue to Coinbase" on that page: mints now and goes on to Coinbase, or to a page that explains why not. */
export async function POST(request: NextRequest, { params }: Params) {
  const { id } = await params;
  return handle(request, async () => {
    let result: Redeemed;
    try {
      const clientIp = await guardMintingRequest(request);
      result = await redeemHandoff(id, clientIp);
    } catch (error) {
      result = handoffFailure(error);
    }
    if (!result.ok)
      return NextResponse.redirect(
        new URL(await refusalPage(id, result.reason), getConfig().appUrl),
        303,
      );
    const response = NextResponse.redirect(result.payUrl, 303);
    // The phone is not signed in: it may see this one transaction's status, and nothing else.
    const cookie = statusCapabilityCookie(result.transactionId);
    response.cookies.set(cookie.name, cookie.value, cookie.options);
    return noStore(response);
  });
}

function noStore(response: NextResponse) {
  response.headers.set("cache-control", "no-store");
  return response;
}

export const { PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET", "POST");
