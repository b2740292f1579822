import type { NextRequest } from "next/server";
import { z } from "zod";
import { fetchTransactions } from "@/lib/cdp/transactions-api";
import { handle, json } from "@/lib/http/handle";
import { readQuery } from "@/lib/http/read-query";
import { sideField } from "@/lib/ramp/field-rules";
import { readUserRef, userRefCookieName } from "@/lib/ramp/user-ref";

const Query = z.object({ side: sideField });

/** This browser's transactions: the reference comes from the sealed cookie, never the query. */
export async function GET(request: NextRequest) {
  return handle(request, async () => {
    const { side } = readQuery(request, Query);
    const ref = readUserRef(request.cookies.get(userRefCookieName())?.value);
    return json({ transactions: ref ? await fetchTransactions(side, ref) : [] });
  });
}
