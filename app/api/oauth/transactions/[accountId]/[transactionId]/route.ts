import { handle, json } from "@/lib/http/handle";
import { connectedSession, withAccessToken } from "@/lib/oauth/fresh-token";
import { assertOwnOrigin } from "@/lib/oauth/same-origin";
import { getTransaction } from "@/lib/oauth/transactions-api";
import { refuseOtherMethods } from "@/lib/http/other-methods";

type Context = { params: Promise<{ accountId: string; transactionId: string }> };

/**
 * `GET /api/oauth/transactions/{account}/{id}`: one send, for the page that follows it. From
 * this app's own pages only, as a send: a page on an ALLOWED_ORIGINS origin would otherwise
 * read the user's Coinbase transaction (its answers carry CORS headers), and any other site's
 * link could make it renew the user's Coinbase token.
 */
export async function GET(request: Request, { params }: Context) {
  return handle(request, async () => {
    assertOwnOrigin(request);
    const { accountId, transactionId } = await params;
    const transaction = await withAccessToken(await connectedSession(), (token) =>
      getTransaction(token, accountId, transactionId),
    );
    return json({ transaction });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET");
