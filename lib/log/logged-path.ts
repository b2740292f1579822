/**
 * A request's path as a log line may show it: no query (an OAuth callback's carries a code),
 * and a phone link's id, which is all it takes to open the link, replaced by `:id`.
 */
export function loggedPath(pathOrUrl: string): string {
  const path = pathOrUrl.split(/[?#]/, 1)[0] ?? "";
  return path.replace(/^\/h\/[^/]+/, "/h/:id");
}
