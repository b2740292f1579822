import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config/env";
import { guardMintingRequest } from "@/lib/abuse/guard-minting";
import { handle } from "@/lib/http/handle";
import { statusCapabilityCookie } from "@/lib/ledger/status-capability";
import { handoffFailure, isLinkId, redeemHandoff, type Redeemed } from "@/lib/ramp/handoff";
import { isUserNavigation } from "@/lib/ramp/handoff-visit";
import { refuseOtherMethods } from "@/lib/http/other-methods";

type Params = { params: Promise<{ id: string }> };

/**
 * The phone opens this as a page. The user's own browser mints at once and goes on to
 * Coinbase; anything else (a chat's link preview, a mail scanner, a prefetch) is sent to
 * the page that asks first, so it cannot use the link up.
 */
export async function GET(request: NextRequest, { params }: Params) {
  const { id } = await params;
  if (isUserNavigation(request.headers)) return open(request, id, true);
  return handle(request, async () => {
    const page = isLinkId(id) ? `/handoff/${id}` : "/handoff?link=unknown";
    return noStore(NextResponse.redirect(new URL(page, getConfig().appUrl), 303));
  });
}

/** "Continue to Coinbase" on that page (`/handoff/<id>`). */
export async function POST(request: NextRequest, { params }: Params) {
  return open(request, (await params).id, false);
}

/** Mints now and goes on to Coinbase, or to a page that explains why not. */
async function open(request: NextRequest, id: string, openedAsLink: boolean) {
  return handle(request, async () => {
    let result: Redeemed;
    try {
      // Opened from wherever the user put the link (a mail, a chat), not only from a QR code.
      const clientIp = await guardMintingRequest(request, { openedAsLink });
      result = await redeemHandoff(id, clientIp);
    } catch (error) {
      result = handoffFailure(error);
    }
    if (!result.ok)
      return NextResponse.redirect(
        new URL(`/handoff?link=${result.reason}`, getConfig().appUrl),
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
