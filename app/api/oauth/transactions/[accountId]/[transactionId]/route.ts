import { cookies } from "next/headers";
import { handle, json } from "@/lib/http/handle";
import { sessionCookieName, unsealSession } from "@/lib/oauth/session-cookie";
import { sessionEnded } from "@/lib/oauth/token-client";
import { getTransaction } from "@/lib/oauth/transactions-api";

type Context = { params: Promise<{ accountId: string; transactionId: string }> };

/** `GET /api/oauth/transactions/{account}/{id}`: one send, for the page that follows it. */
export async function GET(request: Request, { params }: Context) {
  return handle(request, async () => {
    const session = await unsealSession((await cookies()).get(sessionCookieName())?.value);
    if (!session) throw sessionEnded();
    const { accountId, transactionId } = await params;
    return json({
      transaction: await getTransaction(session.accessToken, accountId, transactionId),
    });
  });
}
