/**
 * The query a sign-out posted without the page's script lands with: the page's script, once
 * it runs, does what the button's would have (forget the tab's drafts, tell the other tabs).
 * Browser-safe, read by the sign-out route and the header.
 */
export const SIGNED_OUT_MARK = "signed_out=1";
