/**
 * Where to send a user after signing in: a path on this site only. `//evil.example` and
 * `/\evil.example` are other sites to a browser, so anything not plainly a local path
 * becomes the home page.
 */
export function safeNextPath(next: string | undefined | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return "/";
  return /[\u0000-\u001f]/.test(next) ? "/" : next;
}
