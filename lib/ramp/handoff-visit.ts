import "server-only";

/**
 * Whether a request for a phone link is the user's own browser opening it, which may use
 * the link at once. Link previews (chat apps), mail scanners and other fetchers send no
 * fetch metadata; browsers mark a prefetch (`Sec-Purpose`, or the older `Purpose` and
 * `X-Moz`). Those get the page that asks first (`/handoff/<id>`), so that none of them
 * uses up the link, mints a token or starts a ledger row before the user has seen it.
 */
export function isUserNavigation(headers: Headers): boolean {
  const prefetch = [headers.get("sec-purpose"), headers.get("purpose"), headers.get("x-moz")].some(
    (value) => value?.includes("prefetch"),
  );
  return (
    !prefetch &&
    headers.get("sec-fetch-mode") === "navigate" &&
    headers.get("sec-fetch-dest") === "document"
  );
}
