/**
 * Where to send a user after signing in: a page on this site only. `//evil.example` and
 * `/\evil.example` are other sites to a browser, so anything not plainly a local path
 * becomes the home page. So does a route that acts rather than shows (`/api/…`, `/oauth/…`):
 * the browser goes there from our own page, so another site's link to
 * `/sign-in?next=/api/oauth/authorize?…` would start a Coinbase sign-in with the permissions
 * it chose, which a link of its own to that route cannot (it lands on /connect).
 */
const ROUTES_NOT_PAGES = /^\/(api|oauth)(\/|$)/;

export function safeNextPath(next: string | undefined | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return "/";
  if (/[\u0000-\u001f]/.test(next)) return "/";
  // As the browser will resolve it (`/buy/../api/…` is `/api/…`), and as the server will
  // route it, percent-decoded (`/%61pi/…`).
  const url = new URL(next, "http://localhost");
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return "/";
  }
  // (Decoding keeps a plain `/api/` as it is: the decoded path covers both.)
  if (ROUTES_NOT_PAGES.test(decoded)) return "/";
  // Resolved, `/.//evil.example` is `//evil.example`: another site again.
  if (url.pathname.startsWith("//")) return "/";
  // As the URL writes it: percent-encoded ASCII, which a Location header can carry (`/中` cannot).
  return `${url.pathname}${url.search}${url.hash}`;
}
