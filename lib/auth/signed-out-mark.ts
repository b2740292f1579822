/**
 * The query a sign-out posted without the page's script lands with: the page's script, once
 * it runs, does what the button's would have (forget the tab's drafts, tell the other tabs).
 * Browser-safe, read by the sign-out route and the header.
 */
export const SIGNED_OUT_MARK = { name: "signed_out", value: "1" } as const;

/** `path` (this app's, with or without a query) marked as a no-script sign-out's landing. */
export function markedSignedOut(path: string, appUrl: string): URL {
  const url = new URL(path, appUrl);
  url.searchParams.set(SIGNED_OUT_MARK.name, SIGNED_OUT_MARK.value);
  return url;
}
