import type { Side } from "./options";
import type { RampTransaction } from "./transactions";

/**
 * Which order a return from Coinbase is about. A user may start several (two tabs, a
 * second try) and pay on any of them; the completion page must lead with the one they
 * went through, not with the newest. So each pay URL's redirectUrl names its own ledger
 * row: `/buy/complete?order=<row id>`. The id is a random UUID and grants nothing: the
 * page only looks for it among the caller's own transactions, and ignores it otherwise.
 * Browser-safe.
 */
export const ORDER_PARAM = "order";

/**
 * The redirectUrl with `order=<orderId>` added when it is this app's own completion page
 * of that side, in its parsed form (`href`); any other URL comes back as parsed, untouched.
 * A partner's own page is left as the partner typed it: `order` may mean something else
 * there (its own order number), setting a parameter re-encodes the whole query, and a
 * partner server already gets the row's id as `transactionId` in the API's answer.
 */
export function returnToOrder(
  redirectUrl: string,
  appUrl: string,
  side: Side,
  orderId: string,
): string {
  const url = new URL(redirectUrl);
  if (url.origin !== new URL(appUrl).origin || url.pathname !== `/${side}/complete`)
    return url.href;
  url.searchParams.set(ORDER_PARAM, orderId);
  return url.href;
}

/**
 * A row's own page: a guest order's (it says where the order stands, and how to pay or buy
 * again), else its side's completion page led by it, its receipt, marked as opened from a
 * list (`from=list`, see `openedFromList`).
 */
export function receiptHref(t: { side: Side; id: string; guestOrderId?: string }): string {
  return t.guestOrderId
    ? `/buy/guest/orders/${encodeURIComponent(t.guestOrderId)}`
    : `${completionHref(t.side, t.id)}&from=list`;
}

/**
 * A completion page opened from a list of orders (the history, the page's earlier orders),
 * which showed the order's outcome already: the page shows the same at once, without the
 * minute a return from Coinbase waits before it calls an unreported start not completed.
 */
export const openedFromList = (query: PageQuery) => query.from === "list";

/** This app's completion page of a side, led by `orderId` when one is named: its receipt. */
export function completionHref(side: Side, orderId?: string): string {
  const path = `/${side}/complete`;
  return orderId ? `${path}?${ORDER_PARAM}=${encodeURIComponent(orderId)}` : path;
}

/** What an order id may look like (a ledger row's UUID); anything else is ignored. */
export const ORDER_ID = /^[\w-]{1,64}$/;

export type PageQuery = Record<string, string | string[] | undefined>;

/**
 * A ledger id a page's query names (`?order=`, `?after=`), or undefined for none or nonsense.
 * A link pasted from a mail or a chat often takes the punctuation after it (")", ".", a
 * space): that goes, and the id is read as it was.
 */
export function idInQuery(query: PageQuery, name: string): string | undefined {
  const value = queryValue(query, name)?.replace(/[^\w-]+$/, "");
  return value && ORDER_ID.test(value) ? value : undefined;
}

const queryValue = (query: PageQuery, name: string) => {
  const raw = query[name];
  return Array.isArray(raw) ? raw[0] : raw;
};

/** The order a completion page was opened for (`?order=`). */
export const orderOf = (query: PageQuery) => idInQuery(query, ORDER_PARAM);

/**
 * What a completion page's link says of its order: the order (`?order=`), whether the link
 * names one at all, readable or not (one not shown is then said so), and whether it was opened
 * from a list.
 */
export function linkedOrder(query: PageQuery) {
  return {
    order: orderOf(query),
    orderNamed: Boolean(queryValue(query, ORDER_PARAM)),
    fromList: openedFromList(query),
  };
}

/**
 * The transactions (newest first) with the named order first, the others after it in their
 * order; as they are when it is not among them (another user's id, or one long gone).
 */
export function leadWith(transactions: RampTransaction[], orderId: string | undefined) {
  const lead = orderId ? transactions.find((t) => t.id === orderId) : undefined;
  return lead ? [lead, ...transactions.filter((t) => t !== lead)] : transactions;
}
