import "server-only";
import { AppError } from "./app-error";

/**
 * How long a whole body may take to arrive. Our bodies are a few KB at most: a client still
 * sending after this is stalled or holding the connection on purpose, and Node alone would
 * wait five minutes (its requestTimeout) before a bare 408.
 */
export const BODY_DEADLINE_MS = 10_000;

/**
 * A request's body as bytes, refused with 413 past `maxBytes`: a declared Content-Length
 * over the cap is refused before reading, and the bytes are counted while streaming, so a
 * lying or absent Content-Length does not help. A body not in full within
 * `BODY_DEADLINE_MS` is refused with 400.
 */
export async function readCappedBody(request: Request, maxBytes: number): Promise<Buffer> {
  if (Number(request.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(notInFull("in time")), BODY_DEADLINE_MS);
  });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const read = reader.read().catch(() => {
        // The client went away mid-body: its fault, not the database's or ours (the stream's
        // ECONNRESET would otherwise pass for a database outage further up).
        throw notInFull("in full");
      });
      const { done, value } = await Promise.race([read, late]);
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw tooLarge(maxBytes);
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks);
}

function notInFull(how: "in full" | "in time") {
  return new AppError("invalid_request", `The request body did not arrive ${how}`);
}

function tooLarge(maxBytes: number) {
  return new AppError("payload_too_large", `The body must be at most ${maxBytes / 1024} KB`);
}
