import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config/env";
import { guardMintingRequest } from "@/lib/abuse/guard-minting";
import { handle } from "@/lib/http/handle";
import { statusCapabilityCookie } from "@/lib/ledger/status-capability";
import { handoffFailure, redeemHandoff, type Redeemed } from "@/lib/ramp/handoff";

/** The phone opens this as a page: it mints now and goes on to Coinbase, or a page explains why not. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return handle(request, async () => {
    let result: Redeemed;
    try {
      // Opened from wherever the user put the link (a mail, a chat), not only from a QR code.
      const clientIp = await guardMintingRequest(request, { openedAsLink: true });
      result = await redeemHandoff((await params).id, clientIp);
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
    response.headers.set("cache-control", "no-store");
    return response;
  });
}
