import "server-only";

const MAX_BODY_CHARS = 16 * 1024;

export type BodyRead =
  { ok: true; params: Map<string, string> } | { ok: false; description: string };

/**
 * Reads an OAuth request body: form-encoded as RFC 6749 says, or JSON as Coinbase also
 * takes. A parameter sent twice is refused (RFC 6749 §3.2): which one counts is ambiguous.
 */
export async function readOAuthBody(request: Request): Promise<BodyRead> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const text = await request.text().catch(() => null);
  if (text === null || text.length > MAX_BODY_CHARS) {
    return { ok: false, description: "The request body could not be read" };
  }
  const entries = type.startsWith("application/x-www-form-urlencoded")
    ? [...new URLSearchParams(text)]
    : /^application\/([\w.+-]+\+)?json/.test(type)
      ? jsonEntries(text)
      : null;
  if (entries === null) {
    return { ok: false, description: "Send the body as application/x-www-form-urlencoded or JSON" };
  }
  const params = new Map<string, string>();
  for (const [name, value] of entries) {
    if (params.has(name)) return { ok: false, description: `${name} must not be repeated` };
    params.set(name, value);
  }
  return { ok: true, params };
}

function jsonEntries(text: string): [string, string][] | null {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== "object" || body === null || Array.isArray(body)) return null;
    return Object.entries(body).filter((e): e is [string, string] => typeof e[1] === "string");
  } catch {
    return null;
  }
}
