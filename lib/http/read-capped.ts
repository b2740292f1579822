import "server-only";
import { AppError } from "./app-error";

/**
 * A request's body as bytes, refused with 413 past `maxBytes`: a declared Content-Length
 * over the cap is refused before reading, and the bytes are counted while streaming, so a
 * lying or absent Content-Length does not help.
 */
export async function readCappedBody(request: Request, maxBytes: number): Promise<Buffer> {
  if (Number(request.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      // The client went away mid-body: its fault, not the database's or ours (the stream's
      // ECONNRESET would otherwise pass for a database outage further up).
      throw new AppError("invalid_request", "The request body did not arrive in full");
    });
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function tooLarge(maxBytes: number) {
  return new AppError("payload_too_large", `The body must be at most ${maxBytes / 1024} KB`);
}
