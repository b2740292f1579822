import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { signCdpJwt } from "../../lib/cdp/jwt";
import { writeSandboxKeyFile } from "../../lib/cdp/sandbox-key-file";
import { getCdpJwtKey } from "../../lib/cdp/signing-key";
import { getConfig } from "../../lib/config/env";
import { isAppError } from "../../lib/http/app-error";
import { DELIVERY } from "../../lib/sandbox/webhooks/deliver";
import { publishEvent } from "../../lib/sandbox/webhooks/sender";
import {
  deleteSubscription,
  getSubscription,
  listSubscriptions,
} from "../../lib/sandbox/webhooks/subscriptions";
import {
  listWebhookSubscriptionEvents,
  subscribeToRampEvents,
  updateWebhookSubscription,
  type PlatformClient,
} from "../../lib/webhooks/subscriptions-api";
import { startSubscriptionsHost } from "../support/sandbox-subscriptions-host";
import { startReceiver } from "../support/webhook-receiver";

/**
 * Updating a subscription and reading its deliveries, over HTTP against the sandbox's routes:
 * what the update changes in the deliveries themselves, what the events list shows of them,
 * and `npm run webhooks -- update | events`.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const shares = getConfig().ramp.sandboxWebhooks;
const defaultDelivery = { ...DELIVERY };
const UNKNOWN_ID = "123e4567-e89b-12d3-a456-426614174000";

let host: Awaited<ReturnType<typeof startSubscriptionsHost>>;
let client: PlatformClient;
before(async () => {
  host = await startSubscriptionsHost();
  client = { baseUrl: host.base, key: await getCdpJwtKey(), allowLoopbackHttp: true };
  // Only this file's receivers: the app's own subscription has no app behind it here.
  for (const { subscriptionId } of listSubscriptions()) deleteSubscription(subscriptionId);
});
after(() => host.close());
beforeEach(() => {
  Object.assign(DELIVERY, defaultDelivery);
  Object.assign(shares, { duplicateShare: 0, reorderShare: 0, lossShare: 0 });
});

/** A receiver subscribed through the client; it verifies with the secret Coinbase returned. */
async function subscribedReceiver(answer?: (n: number) => number) {
  const probe = await subscribeToRampEvents(client, "https://placeholder.example/hook");
  const receiver = await startReceiver(probe.secret, answer);
  await updateWebhookSubscription(client, probe.subscriptionId, { url: receiver.url });
  return { id: probe.subscriptionId, secret: probe.secret, receiver };
}

let sequence = 0;
/** One sandbox event, as a transaction's change publishes it. */
function publish(type = "onramp.transaction.updated"): string {
  const transactionId = `tx-updates-${++sequence}`;
  publishEvent(transactionId, type, { eventType: type, transactionId }, false);
  return transactionId;
}

async function signed(method: string, url: string, body?: unknown): Promise<Response> {
  const jwt = await signCdpJwt(await getCdpJwtKey(), method, url);
  return fetch(url, {
    method,
    headers: { authorization: `Bearer ${jwt}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const subscriptionUrl = (id: string) => `${host.base}/v2/data/webhooks/subscriptions/${id}`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("update: what the sandbox then delivers", () => {
  test("a disabled subscription gets no events; enabled again, it does", async () => {
    const off = await subscribedReceiver();
    const witness = await subscribedReceiver();
    try {
      const updated = await updateWebhookSubscription(client, off.id, { isEnabled: false });
      assert.equal(updated.isEnabled, false);
      assert.equal(getSubscription(off.id)?.isEnabled, false);

      const transactionId = publish();
      await witness.receiver.received(1);
      await pause(300);
      assert.equal(witness.receiver.deliveries[0]?.json.transactionId, transactionId);
      assert.equal(off.receiver.deliveries.length, 0, "a disabled subscription was sent an event");
      assert.deepEqual(await listWebhookSubscriptionEvents(client, off.id), []);

      await updateWebhookSubscription(client, off.id, { isEnabled: true });
      const next = publish();
      const [delivery] = await off.receiver.received(1);
      assert.equal(delivery?.json.transactionId, next);
      assert.ok(delivery?.signatureValid, "signed with the subscription's unchanged secret");
    } finally {
      for (const { id, receiver } of [off, witness]) {
        deleteSubscription(id);
        await receiver.close();
      }
    }
  });

  test("a new URL: events go there, signed with the same secret, and no longer to the old", async () => {
    const moved = await subscribedReceiver();
    const target = await startReceiver(moved.secret);
    try {
      const updated = await updateWebhookSubscription(client, moved.id, {
        url: target.url,
        // Typed with spaces round it (the API takes the value as given): signed as it arrives.
        headers: { Authorization: " Bearer receiver-token " },
      });
      assert.equal(updated.target.url, target.url);
      assert.equal(getSubscription(moved.id)?.target.url, target.url);

      const transactionId = publish();
      const [delivery] = await target.received(1);
      assert.equal(delivery?.json.transactionId, transactionId);
      assert.ok(delivery?.signatureValid);
      assert.equal(delivery?.headers.authorization, "Bearer receiver-token");
      // Signed too, as Hook0 signs every header it sends: the names come in order in `h=`.
      assert.match(
        String(delivery?.headers["x-hook0-signature"]),
        /,h=authorization content-type x-event-id x-event-type,/,
      );
      await pause(200);
      assert.equal(moved.receiver.deliveries.length, 0, "the old URL still received");
    } finally {
      deleteSubscription(moved.id);
      await Promise.all([moved.receiver.close(), target.close()]);
    }
  });

  test("what is not changed is kept; the answer and the list carry no secret", async () => {
    const kept = await subscribedReceiver();
    try {
      await updateWebhookSubscription(client, kept.id, {
        description: "Kept",
        headers: { "X-Partner": "p1" },
        eventTypes: ["onramp.transaction.success", "offramp.transaction.success"],
      });
      const updated = await updateWebhookSubscription(client, kept.id, { isEnabled: false });
      assert.equal(updated.description, "Kept");
      assert.deepEqual(updated.target.headers, { "X-Partner": "p1" });
      assert.deepEqual(updated.eventTypes, [
        "onramp.transaction.success",
        "offramp.transaction.success",
      ]);
      assert.ok(updated.updatedAt && updated.updatedAt >= updated.createdAt);

      const raw = await signed("PUT", subscriptionUrl(kept.id), {
        eventTypes: ["onramp.transaction.success"],
        isEnabled: true,
        target: { url: kept.receiver.url },
      });
      assert.equal(raw.status, 200);
      const body = (await raw.json()) as Record<string, unknown>;
      assert.equal(body.subscriptionId, kept.id);
      assert.equal("description" in body, false, "a PUT replaces the whole configuration");
      assert.equal(JSON.stringify(body).includes(kept.secret), false);
    } finally {
      deleteSubscription(kept.id);
      await kept.receiver.close();
    }
  });

  test("a secret in metadata (Coinbase's deprecated copy) is kept by an update, never shown", async () => {
    const created = await signed("POST", `${host.base}/v2/data/webhooks/subscriptions`, {
      eventTypes: ["onramp.transaction.success"],
      isEnabled: true,
      target: { url: "https://metadata.example/hook" },
      metadata: { secret: "123e4567-e89b-12d3-a456-426614174999", team: "payments" },
    });
    const { subscriptionId } = (await created.json()) as { subscriptionId: string };
    try {
      const updated = await updateWebhookSubscription(client, subscriptionId, {
        isEnabled: false,
      });
      assert.deepEqual(updated.metadata, { team: "payments" });
      assert.deepEqual(getSubscription(subscriptionId)?.metadata, {
        secret: "123e4567-e89b-12d3-a456-426614174999",
        team: "payments",
      });
    } finally {
      deleteSubscription(subscriptionId);
    }
  });
});

describe("events: the subscription's deliveries", () => {
  test("a delivery appears with its event id, type, status and the receiver's answer", async () => {
    const sub = await subscribedReceiver((n) => (n === 1 ? 503 : 200));
    DELIVERY.firstWaitMs = 20;
    try {
      publish("onramp.transaction.created");
      const [, delivery] = await sub.receiver.received(2);
      await pause(50);
      const events = await listWebhookSubscriptionEvents(client, sub.id);
      assert.equal(events.length, 1);
      const [event] = events;
      assert.equal(event?.eventId, delivery?.headers["x-event-id"]);
      assert.equal(event?.eventTypeName, "onramp.transaction.created");
      assert.equal(event?.status, "succeeded");
      assert.equal(event?.retryCount, 1, "answered 503 once, then 200");
      assert.equal(event?.response?.httpCode, 200);
      assert.ok(event?.succeededAt && event.succeededAt >= event.createdAt);
      assert.equal(typeof event?.response?.elapsedTimeMs, "number");
      assert.equal(JSON.stringify(events).includes(sub.secret), false);
    } finally {
      deleteSubscription(sub.id);
      await sub.receiver.close();
    }
  });

  test("a receiver that never answers: failed, with the error's name; newest first", async () => {
    const sub = await subscribedReceiver();
    await sub.receiver.close(); // nothing listens there now
    Object.assign(DELIVERY, { attempts: 2, firstWaitMs: 10 });
    try {
      publish("onramp.transaction.created");
      publish("onramp.transaction.updated");
      const until = Date.now() + 5000;
      let events = await listWebhookSubscriptionEvents(client, sub.id);
      while (events.filter((e) => e.status === "failed").length < 2 && Date.now() < until) {
        await pause(50);
        events = await listWebhookSubscriptionEvents(client, sub.id);
      }
      assert.deepEqual(
        events.map((e) => [e.eventTypeName, e.status, e.retryCount, e.response?.errorName]),
        [
          ["onramp.transaction.updated", "failed", 1, "connection_refused"],
          ["onramp.transaction.created", "failed", 1, "connection_refused"],
        ],
      );
      assert.equal(events[0]?.succeededAt, undefined);

      const one = events[1]!.eventId;
      const byId = await signed("GET", `${subscriptionUrl(sub.id)}/events?eventId=${one}`);
      const filtered = (await byId.json()) as { events: { eventId: string }[] };
      assert.deepEqual(
        filtered.events.map((e) => e.eventId),
        [one],
      );
      const byType = await signed(
        "GET",
        `${subscriptionUrl(sub.id)}/events?eventTypeNames=onramp.transaction.updated,onramp.transaction.success`,
      );
      const typed = (await byType.json()) as { events: { eventTypeName: string }[] };
      assert.deepEqual(
        typed.events.map((e) => e.eventTypeName),
        ["onramp.transaction.updated"],
      );
    } finally {
      deleteSubscription(sub.id);
    }
  });
});

describe("bad input, in Coinbase's error envelope", () => {
  const envelope = async (response: Response, status: number, errorType: string) => {
    assert.equal(response.status, status);
    const body = (await response.json()) as Record<string, string>;
    assert.equal(body.errorType, errorType);
    assert.equal(typeof body.correlationId, "string");
    return body.errorMessage ?? "";
  };
  const valid = {
    eventTypes: ["onramp.transaction.success"],
    isEnabled: true,
    target: { url: "https://receiver.example/hooks" },
  };

  test("an unknown subscription: 404 not_found, for the update and the events", async () => {
    for (const id of [UNKNOWN_ID, "not-a-uuid"]) {
      const put = await signed("PUT", subscriptionUrl(id), valid);
      assert.equal(await envelope(put, 404, "not_found"), "Webhook subscription not found.");
      const events = await signed("GET", `${subscriptionUrl(id)}/events`);
      assert.equal(await envelope(events, 404, "not_found"), "Webhook subscription not found.");
    }
    const error = await updateWebhookSubscription(client, UNKNOWN_ID, { isEnabled: false }).then(
      () => assert.fail("expected a refusal"),
      (e: unknown) => e,
    );
    assert.ok(isAppError(error));
    assert.equal(error.code, "not_found");
  });

  test("a bad body: 400 invalid_request, and the subscription is unchanged", async () => {
    const sub = await subscribeToRampEvents(client, "https://unchanged.example/hook");
    try {
      const url = subscriptionUrl(sub.subscriptionId);
      const { isEnabled: _isEnabled, ...withoutEnabled } = valid;
      for (const [body, message] of [
        [withoutEnabled, /^Invalid isEnabled/],
        [{ ...valid, target: { url: "http://receiver.example/x" } }, /must be a valid HTTPS/],
        [{ ...valid, eventTypes: [] }, /Event types must be non-empty/],
        [{ ...valid, eventTypes: ["onramp.transaction.exploded"] }, /Event types must/],
        [{ ...valid, description: "x".repeat(101) }, /^Invalid description/],
        ["not an object", /^Invalid body/],
      ] as const)
        assert.match(
          await envelope(await signed("PUT", url, body), 400, "invalid_request"),
          message,
        );
      assert.equal(
        getSubscription(sub.subscriptionId)?.target.url,
        "https://unchanged.example/hook",
      );
      assert.equal(getSubscription(sub.subscriptionId)?.updatedAt, undefined);
    } finally {
      deleteSubscription(sub.subscriptionId);
    }
  });

  test("bad events filters: 400 in Coinbase's words", async () => {
    const sub = await subscribeToRampEvents(client, "https://filters.example/hook");
    try {
      const events = `${subscriptionUrl(sub.subscriptionId)}/events`;
      const refused = async (query: string) =>
        envelope(await signed("GET", `${events}?${query}`), 400, "invalid_request");
      assert.equal(
        await refused("minCreatedAt=yesterday"),
        "minCreatedAt must be a valid RFC 3339 timestamp.",
      );
      assert.equal(
        await refused("maxCreatedAt=2025-01-16"),
        "maxCreatedAt must be a valid RFC 3339 timestamp.",
      );
      assert.equal(
        await refused("eventTypeNames=invalid.event.type"),
        "Unknown event type names: invalid.event.type.",
      );
      const inRange = await signed("GET", `${events}?minCreatedAt=2025-01-15T00:00:00Z`);
      assert.deepEqual(await inRange.json(), { events: [] });
    } finally {
      deleteSubscription(sub.subscriptionId);
    }
  });

  test("no JWT: 401 for the update and the events", async () => {
    const put = await fetch(subscriptionUrl(UNKNOWN_ID), { method: "PUT", body: "{}" });
    await envelope(put, 401, "unauthorized");
    await envelope(await fetch(`${subscriptionUrl(UNKNOWN_ID)}/events`), 401, "unauthorized");
  });
});

describe("npm run webhooks -- update | events", () => {
  // A directory of its own, holding the key file this process's sandbox accepts: the
  // project's .data/ is left to a sandbox server that may be running there.
  let cwd: string;
  before(async () => {
    cwd = mkdtempSync(path.join(tmpdir(), "webhooks-cli-"));
    await writeSandboxKeyFile(path.join(cwd, ".data", "sandbox-cdp-key.json"));
  });

  async function run(...args: string[]) {
    const script = path.join(ROOT, "scripts", "webhooks.ts");
    const node = ["--conditions=react-server", "--require", require.resolve("tsx/cjs"), script];
    const env = {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "test" as const,
      APP_URL: host.origin,
      TSX_TSCONFIG_PATH: path.join(ROOT, "tsconfig.json"),
    };
    return promisify(execFile)(process.execPath, [...node, ...args], { cwd, env }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  }

  test("update --disable, then --enable --url: said, and done", async () => {
    const sub = await subscribeToRampEvents(client, "https://cli.example/hook");
    try {
      const off = await run("update", sub.subscriptionId, "--disable");
      assert.equal(off.code, 0, off.stderr);
      assert.match(off.stdout, new RegExp(`Updated subscription ${sub.subscriptionId}: disabled`));
      assert.equal(getSubscription(sub.subscriptionId)?.isEnabled, false);

      const on = await run(
        "update",
        sub.subscriptionId,
        "--enable",
        "--url",
        "https://moved.example/hook",
        "--header",
        "Authorization: Bearer cli-token",
      );
      assert.equal(on.code, 0, on.stderr);
      assert.match(on.stdout, /: enabled\.\n {2}url: +https:\/\/moved\.example\/hook/);
      assert.match(on.stdout, /headers: +Authorization \(values not shown\)/);
      assert.equal(on.stdout.includes("cli-token"), false);
      const now = getSubscription(sub.subscriptionId);
      assert.equal(now?.isEnabled, true);
      assert.equal(now?.target.url, "https://moved.example/hook");
      assert.deepEqual(now?.target.headers, { Authorization: "Bearer cli-token" });
    } finally {
      deleteSubscription(sub.subscriptionId);
    }
  });

  test("events: one line per delivery, with its status and answer", async () => {
    const sub = await subscribedReceiver();
    try {
      publish("onramp.transaction.success");
      const [delivery] = await sub.receiver.received(1);
      await pause(50);
      const { code, stdout, stderr } = await run("events", sub.id);
      assert.equal(code, 0, stderr);
      const eventId = String(delivery?.headers["x-event-id"]);
      assert.match(
        stdout,
        new RegExp(
          `succeeded +onramp\\.transaction\\.success +${eventId} +\\(HTTP 200, \\d+ ms, 0 retries\\)`,
        ),
      );
      const none = await subscribeToRampEvents(client, "https://quiet.example/hook");
      const quiet = await run("events", none.subscriptionId);
      assert.equal(
        quiet.stdout.trim(),
        `No events delivered to subscription ${none.subscriptionId} yet.`,
      );
      deleteSubscription(none.subscriptionId);
    } finally {
      deleteSubscription(sub.id);
      await sub.receiver.close();
    }
  });

  test("an unknown id: one plain sentence, exit 1, no stack trace", async () => {
    for (const args of [
      ["update", UNKNOWN_ID, "--disable"],
      ["events", UNKNOWN_ID],
    ]) {
      const { code, stderr } = await run(...args);
      assert.equal(code, 1, args[0]);
      assert.match(
        stderr,
        new RegExp(
          `^webhooks: there is no subscription ${UNKNOWN_ID}; .npm run webhooks -- list. shows them\\.$`,
          "m",
        ),
      );
      assert.doesNotMatch(stderr, /^\s+at /m, "a stack trace");
    }
  });

  test("update without a change, or with contradicting or unknown options: says which, exit 1", async () => {
    for (const [args, said] of [
      [[], /say what to change: --enable, --disable/],
      [["--enable", "--disable"], /--enable and --disable: choose one/],
      [["--header", "no colon"], /--header takes "<Name>: <value>"/],
      [["--url", "http://partner.example/x"], /must start with https:\/\//],
      [["--colour", "red"], /Unknown option '--colour'/],
    ] as const) {
      const { code, stderr } = await run("update", UNKNOWN_ID, ...args);
      assert.equal(code, 1, args.join(" "));
      assert.match(stderr, said);
      assert.doesNotMatch(stderr, /^\s+at /m);
    }
    const usage = await run("update");
    assert.equal(usage.code, 1);
    assert.match(usage.stderr, /npm run webhooks -- update <subscription id> \[options\]/);
    assert.match(usage.stderr, /npm run webhooks -- events <subscription id>/);
  });
});
