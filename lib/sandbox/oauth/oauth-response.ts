import "server-only";

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

/** login.coinbase.com's error body, the OAuth one: `{error, error_description}`. */
export function oauthError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { error, error_description: description },
    { status, headers: { ...NO_STORE, ...headers } },
  );
}

/** Token responses carry secrets: never cached anywhere (RFC 6749 §5.1). */
export function noStoreJson(body: unknown): Response {
  return Response.json(body, { headers: NO_STORE });
}

/** After a form post, 303 makes the browser follow with a GET. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}

export function plainText(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
