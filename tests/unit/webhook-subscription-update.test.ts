import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getCdpJwtKey } from "../../lib/cdp/signing-key";
import {
  updateWebhookSubscription,
  type PlatformClient,
} from "../../lib/webhooks/subscriptions-api";

/**
 * `npm run webhooks -- update` against a stand-in for Coinbase that answers as its OpenAPI
 * describes a subscription (WebhookSubscriptionResponse): the signing secret at the root, and
 * again in `metadata.secret` (deprecated, kept for backward compatibility). Its PUT replaces
 * the whole configuration, metadata included, so what the update sends is what stays.
 */
const ID = "123e4567-e89b-12d3-a456-426614174000";
const SECRET = "9f3c2a4e-1b2d-4c5e-8f70-112233445566";

let stored: Record<string, unknown> = {
  subscriptionId: ID,
  description: "Coinbase ramps reference app",
  eventTypes: ["onramp.transaction.success"],
  isEnabled: true,
  target: { url: "https://receiver.example/hooks" },
  metadata: { secret: SECRET, team: "payments" },
  secret: SECRET,
  createdAt: "2026-08-01T10:00:00Z",
};
const sent: unknown[] = [];

let server: Server;
let client: PlatformClient;
before(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      if (req.method === "PUT") {
        const settings = JSON.parse(body) as Record<string, unknown>;
        sent.push(settings);
        stored = { subscriptionId: ID, createdAt: stored.createdAt, secret: SECRET, ...settings };
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(stored));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  client = {
    baseUrl: `http://127.0.0.1:${port}`,
    key: await getCdpJwtKey(),
    allowLoopbackHttp: true,
  };
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("an update sends the metadata back as read, its secret included, and shows no secret", async () => {
  const updated = await updateWebhookSubscription(client, ID, { url: "https://moved.example/h" });

  assert.equal(sent.length, 1);
  const put = sent[0] as { metadata?: Record<string, string>; target: { url: string } };
  assert.equal(put.target.url, "https://moved.example/h");
  assert.deepEqual(put.metadata, { secret: SECRET, team: "payments" });
  // Kept at Coinbase for the next update, and for whoever reads it there.
  assert.deepEqual(stored.metadata, { secret: SECRET, team: "payments" });

  // What the CLI prints from: the secret is shown at creation only.
  assert.deepEqual(updated.metadata, { team: "payments" });
  assert.equal(JSON.stringify(updated).includes(SECRET), false);
});
