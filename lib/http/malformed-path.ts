import "server-only";
import { AppError } from "./app-error";
import { errorResponse } from "./error-response";

/**
 * A path whose percent-encoding does not decode (`/h/%E0%A4%A`): Next would fail decoding
 * the route's params before any handler of ours ran, and answer a bare 500. Such a path
 * was never a link of ours, so the client gets a 400 instead: the error envelope under
 * /api, a small page elsewhere. Only paths holding a `%` pay for the check.
 */
export function hasMalformedEncoding(pathname: string): boolean {
  if (!pathname.includes("%")) return false;
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}

export function malformedPathResponse(pathname: string): Response {
  if (pathname === "/api" || pathname.startsWith("/api/")) {
    return errorResponse(
      new AppError("invalid_request", "The address is not valid: part of it is badly encoded"),
    );
  }
  // No script and nothing loaded: a page that needs no nonce and can be set in stone.
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Address not valid</title></head><body><main><h1>This address is not valid</h1><p>Part of it is badly encoded: the link may have been cut short or changed on the way. Open the whole link again, or start from the home page.</p><p><a href="/">Home</a></p></main></body></html>`;
  return new Response(page, {
    status: 400,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy":
        "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
  });
}
