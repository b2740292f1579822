import "server-only";
import { loggedPath } from "@/lib/log/logged-path";
import { log, withRequestId } from "@/lib/log/logger";
import { servedOverHttps } from "@/lib/security/csp";
import { corsHeaders } from "./cors";
import { errorResponse } from "./error-response";

/**
 * Wraps a route handler: every failure leaves as the JSON error envelope, every log line
 * inside carries the request id, each request gets one access line, and a page on an origin
 * in ALLOWED_ORIGINS may read the answer (cors.ts).
 *
 * proxy.ts does not run for /api/* (a JSON API needs no CSP nonce, and passing a POST
 * body through the proxy costs Next a copy of it: see docs/performance.md). There the
 * id is made here, never taken from the request, and set on the response with HSTS;
 * next.config.mjs gives those routes their CSP. Elsewhere proxy.ts has set both.
 */
export async function handle(request: Request, run: () => Promise<Response>): Promise<Response> {
  const path = new URL(request.url).pathname;
  const proxied = !path.startsWith("/api/");
  return withRequestId(proxied ? request.headers.get("x-request-id") : null, async (requestId) => {
    const started = performance.now();
    let response: Response;
    try {
      response = await run();
    } catch (error) {
      response = errorResponse(error);
    }
    if (!proxied) setHeaders(response, requestId, servedOverHttps(request));
    const cors = corsHeaders(request);
    if (cors) for (const [name, value] of Object.entries(cors)) response.headers.set(name, value);
    log(response.status >= 500 ? "warn" : "info", "request", {
      method: request.method,
      path: loggedPath(path),
      status: response.status,
      ms: Math.round(performance.now() - started),
    });
    return response;
  });
}

function setHeaders(response: Response, requestId: string, https: boolean) {
  response.headers.set("x-request-id", requestId);
  if (https)
    response.headers.set("strict-transport-security", "max-age=63072000; includeSubDomains");
}

/**
 * A JSON answer, never cached. A plain Response: a NextResponse builds a cookie store on
 * every answer. The few JSON routes that set cookies add them to it (set-cookies.ts, or
 * Next's `cookies()`, which Next merges into the answer).
 */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}
