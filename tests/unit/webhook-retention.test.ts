import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { POST } from "../../app/api/webhooks/coinbase/route";
import { rampTransaction, webhookEvent } from "../../lib/db/schema";
import { dropProcessSingleton, processSingleton } from "../../lib/process/singleton";
import { getStore } from "../../lib/store/get-store";
import { MemoryStore } from "../../lib/store/memory-store";
import type { SharedStore } from "../../lib/store/shared-store";
import { storeUnavailable } from "../../lib/store/store-unavailable";
import { signWebhook } from "../../lib/webhooks/signature";
import {
  PRUNE_BATCH,
  PRUNE_LOCK_KEY,
  deleteEventsBefore,
  pruneWebhookEvents,
} from "../../lib/webhooks/prune-events";
import { EVM, at, memoryDatabaseForFile, rowOf, startedAt } from "../support/ledger-rows";

// Set before anything reads the config: an in-memory PGlite, a known webhook secret, and the
// default retention (30 days).
process.env.PGLITE_DIR = "memory://";
const SECRET = "whsec_test_Rt5mQ8xK2pL9nV3yB7cZ1wD4";
process.env.CDP_WEBHOOK_SECRET = SECRET;
delete process.env.WEBHOOK_EVENT_RETENTION_DAYS;

const db = memoryDatabaseForFile(webhookEvent, rampTransaction);
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number, from = Date.now()) => new Date(from - days * DAY);

/** Events as a delivery stores them, received `days` ago: a payload with a wallet and a user. */
async function storedAgo(days: number, count = 1, from = Date.now()): Promise<string[]> {
  const rows = Array.from({ length: count }, () => ({
    id: randomUUID(),
    type: "onramp.transaction.updated",
    payload: { transactionId: randomUUID(), walletAddress: EVM, partnerUserRef: "user-1" },
    outcome: "unmatched" as const,
    receivedAt: daysAgo(days, from),
  }));
  await db().insert(webhookEvent).values(rows);
  return rows.map((row) => row.id);
}

const storedIds = async () =>
  (await db().select({ id: webhookEvent.id }).from(webhookEvent)).map((row) => row.id).sort();

/** A hosted purchase's event for user-1's wallet, Coinbase's time `seconds` after T0. */
const hosted = (status: string, seconds: number) => ({
  eventType: "onramp.transaction.updated",
  transactionId: "tx-1",
  status: `ONRAMP_TRANSACTION_STATUS_${status}`,
  purchaseCurrency: "USDC",
  purchaseNetwork: "base",
  purchaseAmount: { value: "49.1", currency: "USDC" },
  paymentTotal: { value: "50.00", currency: "USD" },
  walletAddress: EVM,
  partnerUserRef: "user-1",
  createdAt: at(60).toISOString(),
  completedAt: at(seconds).toISOString(),
});

/**
 * A delivery signed as Coinbase's (Hook0) is; by default of an event type the ledger ignores.
 */
async function deliver(eventId: string, payload: object = { eventType: "onramp.transaction.x" }) {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-event-id": eventId,
    "x-event-type": "onramp.transaction.x",
  };
  const names = Object.keys(headers);
  headers["x-hook0-signature"] = signWebhook({ secret: SECRET, rawBody: body, headers, names });
  const response = await POST(
    new Request("http://localhost:3000/api/webhooks/coinbase", { method: "POST", headers, body }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function until(condition: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 100; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`never happened: ${what}`);
}

/**
 * The warning log lines (stderr) written while `fn` runs. Not stdout: the test runner reports
 * earlier tests there meanwhile, and capturing it would swallow their results.
 */
async function warnings(fn: () => Promise<void>): Promise<Array<Record<string, unknown>>> {
  const written: string[] = [];
  const err = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: unknown) => (written.push(String(chunk)), true)) as typeof err;
  try {
    await fn();
  } finally {
    process.stderr.write = err;
  }
  return written
    .join("")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The process's store, in place of the memory one, for one test. */
async function withProcessStore(store: SharedStore, fn: () => Promise<void>) {
  dropProcessSingleton("shared-store");
  processSingleton("shared-store", () => store);
  try {
    await fn();
  } finally {
    dropProcessSingleton("shared-store");
  }
}

describe("stored webhook events are deleted after WEBHOOK_EVENT_RETENTION_DAYS", () => {
  test("a delivery deletes the events past 30 days, keeps the others, and a kept one is still a repeat", async () => {
    const old = [...(await storedAgo(31)), ...(await storedAgo(400))];
    const kept = await storedAgo(29);
    await getStore().delete(PRUNE_LOCK_KEY);

    const fresh = randomUUID();
    assert.deepEqual(await deliver(fresh), {
      status: 200,
      body: { received: true, outcome: "ignored" },
    });
    await until(async () => !(await storedIds()).includes(old[0]!), "the old events deleted");
    assert.deepEqual(await storedIds(), [...kept, fresh].sort());
    // Deduplication is untouched inside the retention: the event 29 days old is a repeat.
    assert.deepEqual(await deliver(kept[0]!), {
      status: 200,
      body: { received: true, duplicate: true },
    });
  });

  test("a repeat after the retention is applied again, and moves no row", async () => {
    const row = await startedAt(db(), 0);
    const [first, second] = [randomUUID(), randomUUID()];
    assert.equal((await deliver(first, hosted("IN_PROGRESS", 60))).body.outcome, "applied");
    assert.equal((await deliver(second, hosted("SUCCESS", 120))).body.outcome, "applied");
    await db()
      .update(webhookEvent)
      .set({ receivedAt: daysAgo(31) });
    assert.equal(await pruneWebhookEvents({ db: db(), store: new MemoryStore() }), "pruned");
    assert.deepEqual(await storedIds(), []);

    // Coinbase replays both, the older last: each is stored again, and the row stays as it was.
    const before = await rowOf(db(), row);
    assert.deepEqual((await deliver(second, hosted("SUCCESS", 120))).body, {
      received: true,
      outcome: "duplicate",
    });
    assert.deepEqual((await deliver(first, hosted("IN_PROGRESS", 60))).body, {
      received: true,
      outcome: "stale",
    });
    assert.deepEqual(await rowOf(db(), row), before);
    assert.equal(before.status, "success");
  });

  test("at most once an hour (the shared store's lock), a batch at a time; a full batch lets the next event go on", async () => {
    let clock = Date.now();
    const store = new MemoryStore(() => clock);
    const deps = { db: db(), store, now: new Date(clock) };
    await storedAgo(31, PRUNE_BATCH + 10, clock);
    const kept = await storedAgo(1, 1, clock);

    assert.equal(await pruneWebhookEvents(deps), "pruned");
    assert.equal((await storedIds()).length, 11, "one batch deleted");
    // The batch was full: more may be due, so the next event does not wait the hour.
    assert.equal(await pruneWebhookEvents(deps), "pruned");
    assert.deepEqual(await storedIds(), kept);

    await storedAgo(31, 1, clock);
    assert.equal(await pruneWebhookEvents(deps), "throttled");
    clock += 61 * 60 * 1000;
    assert.equal(await pruneWebhookEvents({ ...deps, now: new Date(clock) }), "pruned");
    assert.deepEqual(await storedIds(), kept);
  });

  test("the oldest go first, and a batch deletes no more than its size", async () => {
    const now = Date.now();
    const oldest = await storedAgo(90, 3, now);
    const older = await storedAgo(60, 3, now);
    assert.equal(await deleteEventsBefore(db(), daysAgo(30, now), 3), 3);
    assert.deepEqual(await storedIds(), [...older].sort());
    assert.ok(!(await storedIds()).some((id) => oldest.includes(id)));
  });

  test(
    "the answer neither waits for the pruning nor fails with it: a failure is logged",
    { timeout: 10_000 },
    async () => {
      const old = await storedAgo(31);
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      // A shared store that hangs, then fails (Redis down past its deadline).
      const memory = new MemoryStore();
      const hanging: SharedStore = {
        setIfAbsent: async () => {
          await released;
          throw storeUnavailable();
        },
        get: (key) => memory.get(key),
        set: (key, value, ttlMs) => memory.set(key, value, ttlMs),
        delete: (key) => memory.delete(key),
        close: () => memory.close(),
      };
      const logged = await warnings(() =>
        withProcessStore(hanging, async () => {
          const fresh = randomUUID();
          assert.deepEqual(await deliver(fresh), {
            status: 200,
            body: { received: true, outcome: "ignored" },
          });
          release();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }),
      );
      const failure = logged.find((line) => line.event === "webhook_events_prune_failed");
      assert.deepEqual([failure?.level, failure?.reason], ["warn", "store_unavailable"]);
      assert.ok((await storedIds()).includes(old[0]!), "nothing deleted, for the next hour to do");
    },
  );

  test("a database failure is logged with the driver's message, not thrown", async () => {
    const broken = {
      select: () => {
        throw new Error("relation does not exist");
      },
    } as unknown as ReturnType<typeof db>;
    const logged = await warnings(async () => {
      const outcome = await pruneWebhookEvents({ db: broken, store: new MemoryStore() });
      assert.equal(outcome, "failed");
    });
    assert.deepEqual(
      logged.map((line) => [line.event, line.reason]),
      [["webhook_events_prune_failed", "relation does not exist"]],
    );
  });
});
