import "server-only";
import { rejectUnsigned } from "./require-signed";
import { rpcStatus } from "./rpc-status";
import { listBuyTransactions, listSellTransactions, type TransactionKind } from "./transactions";

const PARTNER_USER_REF = /^[A-Za-z0-9._:@-]{1,49}$/;
// Coinbase's default (its transaction-status docs): a caller that names no size gets the newest.
const DEFAULT_PAGE_SIZE = 1;
const MAX_PAGE_SIZE = 100;

// The page key is opaque to callers, as Coinbase's is; here it carries the next offset.
const encodeKey = (offset: number) => Buffer.from(`offset:${offset}`).toString("base64url");
function decodeKey(key: string): number | undefined {
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(key, "base64url").toString());
  return match ? Number(match[1]) : undefined;
}

/**
 * GET /onramp/v1/{buy|sell}/user/{partnerUserRef}/transactions?page_size=&page_key=
 * Newest first; an unknown user has no transactions (an empty list, not a 404). The guides
 * name the parameters page_size and page_key, the API reference pageSize and pageKey: an RPC
 * gateway takes both, and so does this.
 */
export async function handleListTransactions(
  kind: TransactionKind,
  request: Request,
  partnerUserRef: string,
  now = Date.now(),
): Promise<Response> {
  const unsigned = await rejectUnsigned(request);
  if (unsigned) return unsigned;
  if (!PARTNER_USER_REF.test(partnerUserRef)) {
    return rpcStatus(
      400,
      "partner_user_ref must be 1 to 49 characters: letters, digits and . _ : @ -",
    );
  }
  const query = new URL(request.url).searchParams;
  const sizeText = query.get("page_size") || query.get("pageSize") || String(DEFAULT_PAGE_SIZE);
  const pageSize = Number(sizeText);
  if (!/^\d{1,3}$/.test(sizeText) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    return rpcStatus(400, `page_size must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  const pageKey = query.get("page_key") || query.get("pageKey");
  const offset = pageKey ? decodeKey(pageKey) : 0;
  if (offset === undefined) return rpcStatus(400, "page_key is not valid");

  const all =
    kind === "buy"
      ? listBuyTransactions(partnerUserRef, now)
      : listSellTransactions(partnerUserRef, now);
  const page = all.slice(offset, offset + pageSize);
  const next = offset + pageSize < all.length ? encodeKey(offset + pageSize) : "";
  return Response.json({
    transactions: page,
    next_page_key: next,
    total_count: String(all.length),
  });
}

export const handleListBuyTransactions = (request: Request, partnerUserRef: string, now?: number) =>
  handleListTransactions("buy", request, partnerUserRef, now);

export const handleListSellTransactions = (
  request: Request,
  partnerUserRef: string,
  now?: number,
) => handleListTransactions("sell", request, partnerUserRef, now);
