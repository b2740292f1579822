import type { IncomingMessage } from "node:http";

/**
 * A Node HTTP request as the fetch `Request` a route handler takes, for tests that serve the
 * sandbox's route handlers behind a real HTTP server, as `next` would. `origin` is the URL the
 * server is reached at.
 */
export async function toFetchRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    if (typeof value === "string") headers.set(name, value);
  return new Request(`${origin}${req.url}`, {
    method: req.method,
    headers,
    body: chunks.length ? Buffer.concat(chunks) : undefined,
  });
}
