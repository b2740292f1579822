import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import * as list from "../../app/sandbox/cdp-platform/v2/data/webhooks/subscriptions/route";
import * as one from "../../app/sandbox/cdp-platform/v2/data/webhooks/subscriptions/[subscriptionId]/route";
import * as events from "../../app/sandbox/cdp-platform/v2/data/webhooks/subscriptions/[subscriptionId]/events/route";
import { toFetchRequest } from "./fetch-request";

/**
 * The sandbox's webhook subscription routes behind a real HTTP server, as `next` would serve
 * them: `base` is the platform host's base URL, `origin` what APP_URL would be.
 */
type Handler = (
  request: Request,
  context: { params: Promise<{ subscriptionId: string }> },
) => Promise<Response>;

const ROUTE =
  /^\/sandbox\/cdp-platform\/v2\/data\/webhooks\/subscriptions(?:\/([^/?]+)(\/events)?)?$/;

function handlerFor(
  pathname: string,
  method: string,
): ((request: Request) => Promise<Response>) | undefined {
  const match = ROUTE.exec(pathname);
  if (!match) return undefined;
  const routes: Record<string, Handler | undefined> = match[2] ? events : match[1] ? one : list;
  const handler = routes[method];
  const params = Promise.resolve({ subscriptionId: match[1] ?? "" });
  return handler && ((request) => handler(request, { params }));
}

export async function startSubscriptionsHost() {
  const server = createServer(async (req, res) => {
    const request = await toFetchRequest(req, `http://${req.headers.host}`);
    const handler = handlerFor(new URL(request.url).pathname, req.method ?? "GET");
    const response = handler ? await handler(request) : new Response("Not Found", { status: 404 });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { origin, base: `${origin}/sandbox/cdp-platform`, close };
}
