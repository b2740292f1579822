import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback webhook receiver for the sandbox sender's tests. It checks X-Hook0-Signature
 * with its own HMAC (not the app's verifier), and answers each delivery with the status
 * `answer` picks from the number of deliveries kept so far (this one included).
 */
export interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
  signatureValid: boolean;
}

export async function startReceiver(secret: string, answer: (n: number) => number = () => 200) {
  const deliveries: Delivery[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const delivery = {
      headers: req.headers,
      body,
      json: JSON.parse(body) as Record<string, unknown>,
      signatureValid: verify(secret, req.headers, body),
    };
    deliveries.push(delivery);
    res.writeHead(answer(deliveries.length)).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

  /** Waits until `count` deliveries have arrived (or fails after `ms`). */
  async function received(count: number, ms = 8000): Promise<Delivery[]> {
    const until = Date.now() + ms;
    while (deliveries.length < count) {
      if (Date.now() > until)
        throw new Error(`${deliveries.length} of ${count} deliveries arrived`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return deliveries.slice();
  }
  const close = () => new Promise((resolve) => server.close(resolve));
  return { url, deliveries, received, close };
}

function verify(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const header = String(headers["x-hook0-signature"] ?? "");
  const fields = Object.fromEntries(
    header.split(",").map((p) => p.split("=", 2) as [string, string]),
  );
  if (!fields.t || !fields.v1 || fields.h === undefined) return false;
  if (Math.abs(Date.now() / 1000 - Number(fields.t)) > 300) return false;
  const values = fields.h.split(" ").map((name) => String(headers[name] ?? ""));
  const expected = createHmac("sha256", secret)
    .update(`${fields.t}.${fields.h}.${values.join(".")}.${body}`)
    .digest();
  const given = Buffer.from(fields.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
