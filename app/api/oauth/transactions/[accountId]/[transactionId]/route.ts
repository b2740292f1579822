import { handle, json } from "@/lib/http/handle";
import { connectedSession, withAccessToken } from "@/lib/oauth/fresh-token";
import { getTransaction } from "@/lib/oauth/transactions-api";
import { refuseOtherMethods } from "@/lib/http/other-methods";

type Context = { params: Promise<{ accountId: string; transactionId: string }> };

/** `GET /api/oauth/transactions/{account}/{id}`: one send, for the page that follows it. */
export async function GET(request: Request, { params }: Context) {
  return handle(request, async () => {
    const { accountId, transactionId } = await params;
    const transaction = await withAccessToken(await connectedSession(), (token) =>
      getTransaction(token, accountId, transactionId),
    );
    return json({ transaction });
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET");
