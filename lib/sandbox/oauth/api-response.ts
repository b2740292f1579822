import "server-only";

// api.coinbase.com's own warning when a call omits CB-VERSION.
const MISSING_VERSION = {
  id: "missing_version",
  message: "Please supply API version (YYYY-MM-DD) as CB-VERSION header",
};

/** A successful API answer; the version header is read only to warn when it is absent. */
export function apiJson(request: Request, body: Record<string, unknown>, status = 200): Response {
  return Response.json(withWarnings(request, body), {
    status,
    headers: { "cache-control": "no-store" },
  });
}

/** Coinbase's API error shape: `{"errors":[{"id","message"}]}`. */
export function apiError(request: Request, status: number, id: string, message: string): Response {
  const headers: Record<string, string> = { "cache-control": "no-store" };
  // RFC 6750 §3: tell a client without a usable token how to authenticate.
  if (status === 401) headers["www-authenticate"] = `Bearer realm="sandbox", error="invalid_token"`;
  return Response.json(withWarnings(request, { errors: [{ id, message }] }), { status, headers });
}

function withWarnings(request: Request, body: Record<string, unknown>): Record<string, unknown> {
  return request.headers.has("cb-version") ? body : { ...body, warnings: [MISSING_VERSION] };
}
