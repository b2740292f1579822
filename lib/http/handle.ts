import "server-only";
import { errorResponse } from "./error-response";

/** Wraps a route handler so every failure leaves as the JSON error envelope. */
export async function handle(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    return errorResponse(error);
  }
}

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
