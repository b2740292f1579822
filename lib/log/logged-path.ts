/**
 * A path as a log line shows it: a phone link's id, all it takes to open the link, is `:id`,
 * both in the link (`/h/<id>`) and in the page it leads to (`/handoff/<id>`), whose failures
 * are logged too (request-error.ts); so is the user reference in a call to Coinbase's
 * transaction status API (`/onramp/v1/buy/user/<ref>/…`): a partner may name users by email.
 */
export function loggedPath(pathname: string): string {
  return pathname
    .replace(/^\/(h|handoff)\/[^/]+/, "/$1/:id")
    .replace(/\/user\/[^/]+\/transactions/, "/user/:ref/transactions");
}
