import "server-only";
import { log, withRequestId } from "@/lib/log/logger";
import { errorResponse } from "./error-response";

/**
 * Wraps a route handler: every failure leaves as the JSON error envelope, every log line
 * inside carries the request id (set by proxy.ts), and each request gets one access line.
 */
export async function handle(request: Request, run: () => Promise<Response>): Promise<Response> {
  return withRequestId(request.headers.get("x-request-id"), async () => {
    const started = performance.now();
    let response: Response;
    try {
      response = await run();
    } catch (error) {
      response = errorResponse(error);
    }
    log(response.status >= 500 ? "warn" : "info", "request", {
      method: request.method,
      path: new URL(request.url).pathname,
      status: response.status,
      ms: Math.round(performance.now() - started),
    });
    return response;
  });
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
