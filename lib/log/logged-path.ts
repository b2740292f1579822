/** A path as a log line shows it: a phone link's id, all it takes to open the link, is `:id`. */
export function loggedPath(pathname: string): string {
  return pathname.replace(/^\/h\/[^/]+/, "/h/:id");
}
