import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import { createHmac, randomUUID } from "node:crypto";
import { POST } from "../../app/api/webhooks/coinbase/route";
import { rampTransaction, webhookEvent } from "../../lib/db/schema";
import { listLedger } from "../../lib/ledger/list-ledger";
import { reconcileLedger } from "../../lib/ledger/reconcile";
import type { StartedRamp } from "../../lib/ledger/record-started";
import {
  EVM,
  T0,
  attachId,
  rowOf as rowIn,
  startedAt as startedAtIn,
  memoryDatabaseForFile,
  withRivalWrite,
} from "../support/ledger-rows";
import { captureOutput } from "../support/capture-output";
import { findUnfinishedOrder } from "../../lib/guest/unfinished-order";
import { dropProcessSingleton } from "../../lib/process/singleton";
import { applyReport } from "../../lib/webhooks/apply-event";
import { signWebhook, verifyWebhookSignature } from "../../lib/webhooks/signature";
import { toReport } from "../../lib/webhooks/to-report";
import { EXPIRED_REASON, normaliseStatus } from "../../lib/ramp/transactions";

// Set before anything reads the config: the app's own database is an in-memory PGlite,
// and the webhook secret a known one (sandbox mode would otherwise make a random one).
process.env.PGLITE_DIR = "memory://";
const SECRET = "whsec_test_8Jq2mV5xK9pL3nR7tY1cZ4bW6";
process.env.CDP_WEBHOOK_SECRET = SECRET;

const URL_ = "http://localhost:3000/api/webhooks/coinbase";
const iso = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const nowSeconds = () => Math.floor(Date.now() / 1000);
const SIGNED_NAMES = ["content-type", "x-event-id", "x-event-type"];

const db = memoryDatabaseForFile(rampTransaction, webhookEvent);

/** SPEC §7, written out again here rather than calling the app's signWebhook. */
function hook0(input: {
  body: string;
  headers: Record<string, string>;
  names?: string[];
  secret?: string;
  t?: number;
}): string {
  const names = input.names ?? SIGNED_NAMES;
  const t = input.t ?? nowSeconds();
  const h = names.join(" ");
  const values = names.map((name) => input.headers[name] ?? "").join(".");
  const v1 = createHmac("sha256", input.secret ?? SECRET)
    .update(`${t}.${h}.${values}.${input.body}`)
    .digest("hex");
  return `t=${t},h=${h},v1=${v1}`;
}

interface Delivery {
  eventId?: string | null;
  type?: string;
  sign?: Partial<Parameters<typeof hook0>[0]>;
  signature?: string | null;
  extraHeaders?: Record<string, string>;
  /** Sent instead of the signed body (a tampered delivery). */
  sentBody?: string;
}

function webhookRequest(payload: unknown, options: Delivery = {}): Request {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const type =
    options.type ?? (payload as { eventType?: string }).eventType ?? "onramp.transaction.updated";
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-event-type": type,
    ...options.extraHeaders,
  };
  const eventId = options.eventId === undefined ? randomUUID() : options.eventId;
  if (eventId !== null) headers["x-event-id"] = eventId;
  const signature =
    options.signature === undefined ? hook0({ body, headers, ...options.sign }) : options.signature;
  if (signature !== null) headers["x-hook0-signature"] = signature;
  return new Request(URL_, { method: "POST", headers, body: options.sentBody ?? body });
}

async function deliver(payload: unknown, options: Delivery = {}) {
  const response = await POST(webhookRequest(payload, options));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

// In the order received: without ORDER BY, rows come as the table happens to hold them.
const storedEvents = () => db().select().from(webhookEvent).orderBy(webhookEvent.receivedAt);

const startedAt = (seconds: number, overrides: Partial<StartedRamp> = {}) =>
  startedAtIn(db(), seconds, overrides);
const rowOf = (id: string) => rowIn(db(), id);

function hosted(overrides: Record<string, unknown> = {}) {
  return {
    eventType: "onramp.transaction.updated",
    transactionId: "tx-1",
    status: "ONRAMP_TRANSACTION_STATUS_IN_PROGRESS",
    purchaseCurrency: "USDC",
    purchaseNetwork: "base",
    purchaseAmount: { value: "49.1", currency: "USDC" },
    paymentTotal: { value: "50.00", currency: "USD" },
    coinbaseFee: { value: "0.75", currency: "USD" },
    networkFee: { value: "0.15", currency: "USD" },
    walletAddress: EVM,
    txHash: "0x",
    partnerUserRef: "user-1",
    createdAt: iso(60),
    completedAt: "0001-01-01T00:00:00Z",
    ...overrides,
  };
}

function guestOrder(overrides: Record<string, unknown> = {}) {
  return {
    eventType: "onramp.transaction.updated",
    orderId: "123e4567-e89b-12d3-a456-426614174000",
    status: "ONRAMP_ORDER_STATUS_PROCESSING",
    paymentTotal: "100.75",
    paymentSubtotal: "100",
    paymentCurrency: "USD",
    paymentMethod: "GUEST_CHECKOUT_APPLE_PAY",
    purchaseAmount: "100.000000",
    purchaseCurrency: "USDC",
    fees: [
      { feeType: "FEE_TYPE_NETWORK", feeAmount: "0.5", feeCurrency: "USD" },
      { feeType: "FEE_TYPE_EXCHANGE", feeAmount: "0.25", feeCurrency: "USD" },
    ],
    exchangeRate: "1",
    destinationAddress: EVM,
    destinationNetwork: "base",
    partnerUserRef: "user-1",
    createdAt: iso(60),
    updatedAt: iso(61),
    ...overrides,
  };
}

function offramp(overrides: Record<string, unknown> = {}) {
  return {
    eventType: "offramp.transaction.updated",
    transactionId: "sell-1",
    status: "TRANSACTION_STATUS_CREATED",
    asset: "USDC",
    network: "base",
    sellAmount: { value: "20", currency: "USDC" },
    total: { value: "19.50", currency: "USD" },
    coinbaseFee: { value: "0.50", currency: "USD" },
    fromAddress: EVM,
    toAddress: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913",
    partnerUserRef: "user-1",
    createdAt: iso(60),
    updatedAt: iso(60),
    ...overrides,
  };
}

describe("the signature (SPEC §7), checked before anything else", () => {
  const body = JSON.stringify(hosted());
  const headers = {
    "content-type": "application/json",
    "x-event-id": "evt-1",
    "x-event-type": "onramp.transaction.updated",
    "x-custom": "a.b",
  };
  const check = (signature: string | null, overrides: { body?: string; now?: number } = {}) =>
    verifyWebhookSignature({
      headers: new Headers(
        signature === null ? headers : { ...headers, "x-hook0-signature": signature },
      ),
      rawBody: Buffer.from(overrides.body ?? body),
      secrets: [SECRET],
      nowSeconds: overrides.now,
    });

  test("vectors: the header names in h, in any order, one or none, are signed with the body", () => {
    for (const names of [
      SIGNED_NAMES,
      ["x-event-type", "x-custom", "content-type", "x-event-id"],
      ["x-event-id"],
      [],
    ]) {
      assert.deepEqual(
        check(hook0({ body, headers, names })),
        { ok: true, signedHeaders: names },
        names.join(" "),
      );
    }
    // A fixed vector, so the formula itself is pinned, not only agreement with it.
    const fixed = `t=1767268800,h=x-event-id,v1=${createHmac("sha256", "k")
      .update("1767268800.x-event-id.evt-1.{}")
      .digest("hex")}`;
    assert.deepEqual(
      verifyWebhookSignature({
        headers: new Headers({ "x-event-id": "evt-1", "x-hook0-signature": fixed }),
        rawBody: Buffer.from("{}"),
        secrets: ["k"],
        nowSeconds: 1767268800,
      }),
      { ok: true, signedHeaders: ["x-event-id"] },
    );
  });

  test("a tampered body, a changed signed header or another secret: mismatch", () => {
    const signature = hook0({ body, headers });
    assert.deepEqual(check(signature, { body: body.replace("49.1", "49.2") }), {
      ok: false,
      problem: "mismatch",
    });
    const relabelled = verifyWebhookSignature({
      headers: new Headers({
        ...headers,
        "x-event-type": "onramp.transaction.success",
        "x-hook0-signature": signature,
      }),
      rawBody: Buffer.from(body),
      secrets: [SECRET],
    });
    assert.deepEqual(relabelled, { ok: false, problem: "mismatch" });
    assert.deepEqual(check(hook0({ body, headers, secret: "another-secret" })), {
      ok: false,
      problem: "mismatch",
    });
  });

  test("t more than five minutes away, past or future: stale; within: fine", () => {
    const now = nowSeconds();
    for (const t of [now - 301, now + 301, now - 86_400])
      assert.deepEqual(check(hook0({ body, headers, t }), { now }), {
        ok: false,
        problem: "stale",
      });
    for (const t of [now - 299, now + 299])
      assert.equal(check(hook0({ body, headers, t }), { now }).ok, true);
  });

  test("a header of the subscription's own, named with _ or . (npm run webhooks -- --header), is signed and checked", () => {
    const withOwn = { ...headers, x_partner_token: "abc", "x.tenant": "t1" };
    const names = [...SIGNED_NAMES, "x_partner_token", "x.tenant"];
    const check = (sent: Record<string, string>) =>
      verifyWebhookSignature({
        headers: new Headers({
          ...sent,
          "x-hook0-signature": hook0({ body, headers: withOwn, names }),
        }),
        rawBody: Buffer.from(body),
        secrets: [SECRET],
      });
    assert.deepEqual(check(withOwn), { ok: true, signedHeaders: names });
    assert.deepEqual(check({ ...withOwn, "x.tenant": "t2" }), { ok: false, problem: "mismatch" });
  });

  test("any of several secrets (a new subscription's beside the old one's) verifies; none: mismatch", () => {
    const signedWith = (secret: string, secrets: string[]) =>
      verifyWebhookSignature({
        headers: new Headers({ ...headers, "x-hook0-signature": hook0({ body, headers, secret }) }),
        rawBody: Buffer.from(body),
        secrets,
      }).ok;
    assert.equal(signedWith("whsec-old", ["whsec-new", "whsec-old"]), true);
    assert.equal(signedWith("whsec-new", ["whsec-new", "whsec-old"]), true);
    assert.equal(signedWith("whsec-gone", ["whsec-new", "whsec-old"]), false);
    assert.equal(signedWith("whsec-new", []), false);
  });

  test("Hook0's v0 is never what passes: alone it is refused, and beside a wrong v1 it rescues nothing", () => {
    // hook0-client's own vector: t=1636936200, secret "secret", body "hello !".
    const v0 = "1b3d69df55f1e52f05224ba94a5162abeb17ef52cd7f4948c390f810d6a87e98";
    const verify = (signature: string, secret = "secret") =>
      verifyWebhookSignature({
        headers: new Headers({ "x-event-id": "evt-1", "x-hook0-signature": signature }),
        rawBody: Buffer.from("hello !"),
        secrets: [secret],
        nowSeconds: 1636936200,
      });
    // A good v0 (it covers no header) with the v1 stripped: a delivery whose headers could be changed.
    assert.deepEqual(verify(`t=1636936200,v0=${v0}`), { ok: false, problem: "malformed" });
    const v1 = createHmac("sha256", "secret")
      .update("1636936200.x-event-id.evt-1.hello !")
      .digest("hex");
    assert.deepEqual(verify(`t=1636936200,v0=${v0},h=x-event-id,v1=${v1}`), {
      ok: true,
      signedHeaders: ["x-event-id"],
    });
    assert.deepEqual(verify(`t=1636936200,v0=${v0},h=x-event-id,v1=${"0".repeat(64)}`), {
      ok: false,
      problem: "mismatch",
    });
  });

  test("the sandbox signs as Hook0 delivers: t, v0, h and v1", () => {
    const signature = signWebhook({ secret: SECRET, rawBody: body, headers, names: SIGNED_NAMES });
    assert.match(signature, /^t=\d+,v0=[0-9a-f]{64},h=[a-z -]+,v1=[0-9a-f]{64}$/);
    const [t, v0] = /^t=(\d+),v0=([0-9a-f]+)/.exec(signature)!.slice(1);
    const expectedV0 = createHmac("sha256", SECRET).update(`${t}.${body}`).digest("hex");
    assert.equal(v0, expectedV0);
    assert.deepEqual(check(signature), { ok: true, signedHeaders: SIGNED_NAMES });
  });

  test("a header named in h but absent from the request: mismatch, not read as empty", () => {
    const { "x-event-id": _absent, ...rest } = headers;
    const signature = hook0({ body, headers: { ...rest, "x-event-id": "" } });
    const verdict = verifyWebhookSignature({
      headers: new Headers({ ...rest, "x-hook0-signature": signature }),
      rawBody: Buffer.from(body),
      secrets: [SECRET],
    });
    assert.deepEqual(verdict, { ok: false, problem: "mismatch" });
  });

  test("no header: missing; a header that does not parse: malformed", () => {
    assert.deepEqual(check(null), { ok: false, problem: "missing" });
    const good = hook0({ body, headers });
    const v1 = good.slice(good.indexOf("v1=") + 3);
    const t = nowSeconds();
    for (const bad of [
      "garbage",
      `v1=${v1}`,
      `t=${t}`,
      `t=soon,h=x-event-id,v1=${v1}`,
      `t=${t},h=x-event-id,v1=${v1.slice(0, 40)}`,
      `t=${t},h=x-event-id,v1=${"z".repeat(64)}`,
      `t=${t},h=x-event-id x/y,v1=${v1}`,
      `t=${t};h=x-event-id;v1=${v1}`,
      `${good},oops`,
    ]) {
      assert.deepEqual(check(bad), { ok: false, problem: "malformed" }, bad);
    }
  });
});

describe("POST /api/webhooks/coinbase: refusals", () => {
  test("a bad, missing or stale signature: 401 with the envelope, nothing stored", async () => {
    const payload = hosted();
    const refused = [
      { signature: null },
      { signature: "t=1,h=,v1=nothex" },
      { sign: { secret: "wrong-secret" } },
      { sign: { t: nowSeconds() - 600 } },
      { sign: { t: nowSeconds() + 600 } },
      { sentBody: JSON.stringify({ ...payload, partnerUserRef: "attacker" }) },
    ];
    for (const options of refused) {
      const { status, body } = await deliver(payload, options);
      assert.equal(status, 401, JSON.stringify(options));
      assert.equal((body.error as { code: string }).code, "invalid_signature");
      assert.equal(typeof (body.error as { message: string }).message, "string");
    }
    assert.equal((await storedEvents()).length, 0);
  });

  test("a body over 64 KB: 413, declared or streamed, before the signature is looked at", async () => {
    const big = JSON.stringify(hosted({ padding: "x".repeat(64 * 1024) }));
    assert.equal((await deliver(big)).status, 413);
    const streamed = new Request(URL_, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 70; i++) controller.enqueue(new Uint8Array(1024).fill(32));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    const response = await POST(streamed);
    assert.equal(response.status, 413);
    assert.equal(
      ((await response.json()) as { error: { code: string } }).error.code,
      "payload_too_large",
    );
    // Just under the cap is read and verified as usual.
    const padding = "x".repeat(64 * 1024 - JSON.stringify(hosted({ padding: "" })).length);
    assert.equal((await deliver(hosted({ padding }))).status, 200);
  });

  test("a signed body that is not JSON: 400, not stored", async () => {
    const { status, body } = await deliver("{not json", { type: "onramp.transaction.updated" });
    assert.equal(status, 400);
    assert.equal((body.error as { code: string }).code, "invalid_request");
    assert.equal((await storedEvents()).length, 0);
  });

  test("log lines name the problem, never the secret or the signature", async () => {
    const signatures: string[] = [];
    const output = await captureOutput(async () => {
      for (const options of [{ sign: { secret: "wrong" } }, {}, { sign: { t: 1 } }]) {
        const request = webhookRequest(hosted({ partnerUserRef: "nobody" }), options);
        signatures.push(request.headers.get("x-hook0-signature")!);
        await POST(request);
      }
      await POST(webhookRequest(hosted(), { signature: null }));
    });
    const lines = output
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const rejected = lines.filter((line) => line.event === "webhook_rejected");
    assert.deepEqual(
      rejected.map((line) => line.problem),
      ["mismatch", "stale", "missing"],
    );
    assert.ok(!output.includes(SECRET), "the secret is never logged");
    for (const signature of signatures) {
      assert.ok(!output.includes(signature), "nor a signature header");
      assert.ok(!output.includes(signature.slice(signature.indexOf("v1=") + 3)), "nor its v1");
    }
  });

  test("live mode without CDP_WEBHOOK_SECRET: 503 webhooks_not_configured", async () => {
    const live = {
      CDP_API_KEY_ID: "organizations/o/apiKeys/k",
      CDP_API_KEY_SECRET: "not-parsed-here",
      SESSION_SECRET: "k7Qp2Zx9LmVb4Rt8Wn1Yc6Hs3Jd5Fg0A",
      SMTP_URL: "smtp://mail.example.com:587",
      CDP_WEBHOOK_SECRET: "",
    };
    const saved = Object.fromEntries(Object.keys(live).map((k) => [k, process.env[k]]));
    Object.assign(process.env, live);
    dropProcessSingleton("config");
    try {
      const output = await captureOutput(async () => {
        const { status, body } = await deliver(hosted());
        assert.equal(status, 503);
        assert.equal((body.error as { code: string }).code, "webhooks_not_configured");
      });
      assert.match(output, /"event":"webhook_not_configured"/);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      dropProcessSingleton("config");
    }
    assert.equal((await storedEvents()).length, 0);
  });
});

describe("POST /api/webhooks/coinbase: the ledger, exactly once", () => {
  test("a hosted onramp event attaches to the row it came from and fills it in", async () => {
    const origin = await startedAt(0);
    const other = await startedAt(5, { asset: "ETH" });
    const { status, body } = await deliver(hosted());
    assert.equal(status, 200);
    assert.deepEqual(body, { received: true, outcome: "applied" });
    const row = await rowOf(origin);
    assert.deepEqual(
      [row.coinbaseTransactionId, row.status, row.cryptoAmount, row.fiatAmount, row.txHash],
      ["tx-1", "in_progress", "49.1", "50.00", null],
    );
    assert.deepEqual([row.feeAmount, row.feeCurrency], ["0.90", "USD"]);
    assert.equal((await rowOf(other)).status, "started");

    await deliver(
      hosted({
        eventType: "onramp.transaction.success",
        status: "ONRAMP_TRANSACTION_STATUS_SUCCESS",
        txHash: "0xabc",
        completedAt: iso(120),
      }),
    );
    const done = await rowOf(origin);
    assert.deepEqual([done.status, done.txHash], ["success", "0xabc"]);
    assert.equal(done.coinbaseUpdatedAt?.toISOString(), iso(120));
  });

  test("the same event id twice: one effect, and the repeat answers duplicate", async () => {
    const origin = await startedAt(0);
    const eventId = randomUUID();
    assert.deepEqual((await deliver(hosted(), { eventId })).body, {
      received: true,
      outcome: "applied",
    });
    const first = await rowOf(origin);
    const again = await deliver(hosted({ status: "ONRAMP_TRANSACTION_STATUS_FAILED" }), {
      eventId,
    });
    assert.deepEqual(again, { status: 200, body: { received: true, duplicate: true } });
    const row = await rowOf(origin);
    assert.equal(row.status, "in_progress");
    assert.equal(row.updatedAt.getTime(), first.updatedAt.getTime());
    assert.equal((await storedEvents()).length, 1);
  });

  test("without x-event-id the body's SHA-256 is the id: a byte-identical repeat changes nothing", async () => {
    await startedAt(0);
    const payload = hosted();
    // The signature then names no x-event-id: one named but absent is refused.
    const unnamed = { eventId: null, sign: { names: ["content-type", "x-event-type"] } };
    assert.equal((await deliver(payload, unnamed)).body.outcome, "applied");
    assert.equal((await deliver(payload, unnamed)).body.duplicate, true);
    const [event] = await storedEvents();
    assert.match(event!.id, /^sha256:[0-9a-f]{64}$/);
  });

  test("an x-event-id the signature does not cover is not taken as the id: a relabelled replay is no repeat", async () => {
    await startedAt(0);
    const unsigned = { sign: { names: ["content-type", "x-event-type"] }, eventId: "evt-same" };
    assert.equal((await deliver(hosted(), unsigned)).body.outcome, "applied");
    const success = hosted({ status: "ONRAMP_TRANSACTION_STATUS_SUCCESS", txHash: "0xabc" });
    // Another event under the same unsigned id: its own, not taken for the first one's repeat.
    assert.equal((await deliver(success, unsigned)).body.outcome, "applied");
    const ids = (await storedEvents()).map((event) => event.id);
    assert.equal(ids.length, 2);
    for (const id of ids) assert.match(id, /^sha256:[0-9a-f]{64}$/);
  });

  test("out of order: success before in_progress stays success; a final status never moves", async () => {
    const origin = await startedAt(0);
    const success = hosted({
      status: "ONRAMP_TRANSACTION_STATUS_SUCCESS",
      txHash: "0xabc",
      completedAt: iso(120),
    });
    await deliver(success);
    const late = await deliver(hosted());
    assert.deepEqual(late.body, { received: true, outcome: "stale" });
    assert.equal((await rowOf(origin)).status, "success");
    const contrary = await deliver(
      hosted({ status: "ONRAMP_TRANSACTION_STATUS_FAILED", completedAt: iso(200) }),
    );
    assert.equal(contrary.body.outcome, "stale");
    assert.equal((await rowOf(origin)).status, "success");
    // The same news under another event id: nothing to write.
    assert.equal((await deliver(success)).body.outcome, "duplicate");

    const failed = await startedAt(0, { asset: "ETH" });
    const eth = { transactionId: "tx-2", purchaseCurrency: "ETH", purchaseAmount: undefined };
    await deliver(hosted({ ...eth, status: "ONRAMP_TRANSACTION_STATUS_FAILED" }));
    await deliver(
      hosted({ ...eth, status: "ONRAMP_TRANSACTION_STATUS_SUCCESS", completedAt: iso(300) }),
    );
    assert.equal((await rowOf(failed)).status, "failed");
  });

  test("an older event never overwrites a newer one; a newer one of the same rank does", async () => {
    const sell = await startedAt(0, { side: "sell", fiatAmount: undefined, cryptoAmount: "20" });
    const sent = offramp({
      status: "TRANSACTION_STATUS_STARTED",
      txHash: "0xsent",
      updatedAt: iso(90),
    });
    await deliver(sent);
    assert.equal((await rowOf(sell)).status, "in_progress");
    // Sent earlier (at 80), delivered later: waiting for the deposit is old news.
    const older = offramp({ status: "TRANSACTION_STATUS_STARTED", updatedAt: iso(80) });
    assert.equal((await deliver(older)).body.outcome, "stale");
    const row = await rowOf(sell);
    assert.deepEqual([row.status, row.txHash], ["in_progress", "0xsent"]);
    // The same stamp as the row's, a lower rank: stale.
    assert.equal(
      (await deliver(offramp({ status: "TRANSACTION_STATUS_CREATED", updatedAt: iso(90) }))).body
        .outcome,
      "stale",
    );
    // Newer, same rank: applied (a figure Coinbase corrected).
    await deliver(
      offramp({
        status: "TRANSACTION_STATUS_STARTED",
        txHash: "0xsent",
        total: { value: "19.40", currency: "USD" },
        updatedAt: iso(100),
      }),
    );
    assert.equal((await rowOf(sell)).fiatAmount, "19.40");
    // Newer, but without the hash (a lower status): the deposit is never asked for again.
    const regress = offramp({ status: "TRANSACTION_STATUS_STARTED", updatedAt: iso(110) });
    assert.equal((await deliver(regress)).body.outcome, "stale");
    assert.equal((await rowOf(sell)).status, "in_progress");
  });

  test("a later status without updatedAt (optional in the OpenAPI) still moves the row on, and keeps the newest stamp", async () => {
    const sell = await startedAt(0, { side: "sell", fiatAmount: undefined, cryptoAmount: "20" });
    await deliver(offramp({ status: "TRANSACTION_STATUS_STARTED", updatedAt: iso(90) }));
    assert.equal((await rowOf(sell)).status, "awaiting_deposit");
    // Stamped with its createdAt (60), older than the update before it (90).
    const done = offramp({
      status: "TRANSACTION_STATUS_SUCCESS",
      txHash: "0xdone",
      updatedAt: undefined,
    });
    assert.equal((await deliver(done)).body.outcome, "applied");
    const row = await rowOf(sell);
    assert.deepEqual([row.status, row.txHash], ["success", "0xdone"]);
    assert.equal(row.coinbaseUpdatedAt?.toISOString(), iso(90));
  });

  test("the offramp shape: created, waiting for the deposit, success; expired is a failure with a reason", async () => {
    const sell = await startedAt(0, { side: "sell", fiatAmount: undefined, cryptoAmount: "20" });
    const buy = await startedAt(0);
    // Created, no deposit address yet: nothing to send.
    await deliver(offramp({ toAddress: null }));
    assert.equal((await rowOf(sell)).status, "created");
    // When Coinbase made the sale (the user confirmed it on its page): its deposit hour's start.
    assert.equal((await rowOf(sell)).coinbaseCreatedAt?.toISOString(), iso(60));
    assert.equal((await rowOf(buy)).status, "started", "a sale never takes a buy row");
    await deliver(offramp({ status: "TRANSACTION_STATUS_STARTED", updatedAt: iso(70) }));
    let row = await rowOf(sell);
    assert.deepEqual(
      [row.status, row.depositAddress, row.cryptoAmount, row.fiatAmount, row.feeAmount],
      ["awaiting_deposit", "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", "20", "19.50", "0.50"],
    );
    await deliver(
      offramp({
        eventType: "offramp.transaction.success",
        status: "TRANSACTION_STATUS_SUCCESS",
        txHash: "0xdeposit",
        updatedAt: iso(90),
      }),
    );
    row = await rowOf(sell);
    assert.deepEqual([row.status, row.txHash], ["success", "0xdeposit"]);

    const expiring = await startedAt(100, { side: "sell", asset: "ETH", fiatAmount: undefined });
    await deliver(
      offramp({
        eventType: "offramp.transaction.failed",
        transactionId: "sell-2",
        asset: "ETH",
        status: "TRANSACTION_STATUS_EXPIRED",
        createdAt: iso(110),
        updatedAt: iso(400),
      }),
    );
    const expired = await rowOf(expiring);
    assert.deepEqual([expired.status, expired.failureReason], ["failed", EXPIRED_REASON]);
  });

  test("a sale reported CREATED with its deposit address waits for the user's crypto: its deposit is shown", async () => {
    const sell = await startedAt(0, { side: "sell", fiatAmount: undefined, cryptoAmount: "20" });
    await deliver(offramp({ eventType: "offramp.transaction.created" }));
    const row = await rowOf(sell);
    assert.deepEqual(
      [row.status, row.depositAddress, row.cryptoAmount],
      ["awaiting_deposit", "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", "20"],
    );
    // Sent already: in progress, never asked for again.
    const sent = await startedAt(0, { side: "sell", fiatAmount: undefined, cryptoAmount: "20" });
    await deliver(offramp({ transactionId: "sell-9", txHash: "0xsent" }));
    assert.equal((await rowOf(sent)).status, "in_progress");
  });

  test("a sale the v1 API reported FAILED (SPEC §3 has no EXPIRED) reads Expired once the offramp event says so", async () => {
    const sale = await startedAt(0, { side: "sell", fiatAmount: undefined, cryptoAmount: "20" });
    await deliver(offramp({ transactionId: "sell-3" }));
    // The poll came first: failed, no reason.
    const polled = {
      id: "sell-3",
      side: "sell" as const,
      status: "failed" as const,
      asset: "USDC",
      network: "base",
      fees: [],
      createdAt: iso(60),
    };
    await reconcileLedger("sell", "user-1", [polled], db());
    assert.deepEqual(
      [(await rowOf(sale)).status, (await rowOf(sale)).failureReason],
      ["failed", null],
    );
    const late = await deliver(
      offramp({
        eventType: "offramp.transaction.failed",
        transactionId: "sell-3",
        status: "TRANSACTION_STATUS_EXPIRED",
        updatedAt: iso(400),
      }),
    );
    assert.equal(late.body.outcome, "applied");
    const row = await rowOf(sale);
    assert.deepEqual([row.status, row.failureReason], ["failed", EXPIRED_REASON]);
    // A reason once given stays: a later, other failure changes nothing.
    await reconcileLedger("sell", "user-1", [{ ...polled, failureReason: "Other" }], db());
    assert.equal((await rowOf(sale)).failureReason, EXPIRED_REASON);
  });

  test("the guest-checkout order shape: by orderId, amounts as strings, in a row of its own", async () => {
    // A hosted checkout the user left: an order never comes from it.
    const hostedRow = await startedAt(0);
    await deliver(guestOrder());
    const [order] = (await listLedger("user-1", {}, db())).filter((r) => r.coinbaseOrderId);
    let row = order!;
    assert.deepEqual(
      [row.coinbaseOrderId, row.coinbaseTransactionId, row.status, row.address],
      ["123e4567-e89b-12d3-a456-426614174000", null, "in_progress", EVM],
    );
    assert.deepEqual([row.asset, row.network], ["USDC", "base"]);
    assert.equal((await rowOf(hostedRow)).status, "started");
    assert.deepEqual(
      [row.cryptoAmount, row.fiatAmount, row.fiatCurrency, row.feeAmount, row.feeCurrency],
      ["100.000000", "100.75", "USD", "0.75", "USD"],
    );
    await deliver(
      guestOrder({
        eventType: "onramp.transaction.success",
        status: "ONRAMP_ORDER_STATUS_COMPLETED",
        txHash: "0x363c",
        updatedAt: iso(90),
      }),
    );
    row = await rowOf(row.id);
    assert.deepEqual([row.status, row.txHash], ["success", "0x363c"]);
    assert.equal((await listLedger("user-1", {}, db())).length, 2, "one row for the order");
  });

  test("a guest order's row its first, sparse event wrote takes the asset, network and wallet a later report names", async () => {
    // Only the order's id and status are sure to be in an event (the OpenAPI's required fields).
    const orderId = "9d2f1c3e-5b4a-4c6d-8e7f-0a1b2c3d4e5f";
    const sparse = {
      eventType: "onramp.transaction.updated",
      orderId,
      status: "ONRAMP_ORDER_STATUS_PENDING_PAYMENT",
      partnerUserRef: "user-1",
    };
    await deliver(sparse);
    const [first] = (await listLedger("user-1", {}, db())).filter(
      (r) => r.coinbaseOrderId === orderId,
    );
    assert.deepEqual([first!.asset, first!.network, first!.address], ["", "", null]);
    await deliver(guestOrder({ orderId, status: "ONRAMP_ORDER_STATUS_PROCESSING" }));
    const row = await rowOf(first!.id);
    assert.deepEqual(
      [row.status, row.asset, row.network, row.address],
      ["in_progress", "USDC", "base", EVM],
    );
  });

  test("a guest order's row a sparse final event wrote takes the order's asset, wallet and amounts from the earlier event that comes late", async () => {
    const orderId = "4c3b2a19-0f8e-4d7c-9b6a-5f4e3d2c1b0a";
    const completed = {
      eventType: "onramp.transaction.success",
      orderId,
      status: "ONRAMP_ORDER_STATUS_COMPLETED",
      partnerUserRef: "user-1",
    };
    await deliver(completed);
    const [first] = (await listLedger("user-1", {}, db())).filter(
      (r) => r.coinbaseOrderId === orderId,
    );
    assert.deepEqual([first!.status, first!.asset, first!.cryptoAmount], ["success", "", null]);
    // The PROCESSING event, sent before it, arrives after: its status is behind, its details not.
    const late = await deliver(guestOrder({ orderId, status: "ONRAMP_ORDER_STATUS_PROCESSING" }));
    assert.deepEqual([late.status, late.body.outcome], [200, "applied"]);
    const row = await rowOf(first!.id);
    assert.deepEqual(
      [row.status, row.asset, row.network, row.address],
      ["success", "USDC", "base", EVM],
    );
    assert.deepEqual(
      [row.cryptoAmount, row.fiatAmount, row.fiatCurrency],
      ["100.000000", "100.75", "USD"],
    );
    // Once filled, the same event again (a new delivery) is behind the row, and nothing else.
    const again = await deliver(guestOrder({ orderId, status: "ONRAMP_ORDER_STATUS_PROCESSING" }));
    assert.equal(again.body.outcome, "stale");
    assert.equal((await rowOf(first!.id)).status, "success");
  });

  test("a guest order's row a sparse final event wrote, with no hash, takes the hash and the order's details, fee included, from a later full report", async () => {
    const orderId = "6e5d4c3b-2a19-4f8e-8d7c-1b0a9f8e7d6c";
    await deliver({
      eventType: "onramp.transaction.success",
      orderId,
      status: "ONRAMP_ORDER_STATUS_COMPLETED",
      partnerUserRef: "user-1",
    });
    const [first] = (await listLedger("user-1", {}, db())).filter(
      (r) => r.coinbaseOrderId === orderId,
    );
    assert.deepEqual([first!.status, first!.txHash, first!.asset], ["success", null, ""]);
    const full = guestOrder({
      orderId,
      eventType: "onramp.transaction.success",
      status: "ONRAMP_ORDER_STATUS_COMPLETED",
      txHash: "0x7a1c",
      updatedAt: iso(120),
    });
    assert.equal((await deliver(full)).body.outcome, "applied");
    const row = await rowOf(first!.id);
    assert.deepEqual(
      [row.status, row.txHash, row.asset, row.network, row.address, row.cryptoAmount],
      ["success", "0x7a1c", "USDC", "base", EVM, "100.000000"],
    );
    assert.deepEqual([row.feeAmount, row.feeCurrency], ["0.75", "USD"]);
  });

  test("a guest order's row written by its event (the order route never wrote it) starts when the order did", async () => {
    const orderId = "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d";
    await deliver(guestOrder({ orderId, createdAt: iso(5), updatedAt: iso(3_600) }));
    const [row] = (await listLedger("user-1", {}, db())).filter(
      (r) => r.coinbaseOrderId === orderId,
    );
    assert.equal(row!.createdAt.toISOString(), iso(5));
  });

  test("a guest order not paid yet is awaiting_payment; paying moves it on, and never back", async () => {
    const statusOf = (status: string) => {
      const reading = toReport("onramp.transaction.updated", guestOrder({ status }));
      return "report" in reading ? reading.report.status : reading.ignored;
    };
    assert.equal(statusOf("ONRAMP_ORDER_STATUS_PENDING_PAYMENT"), "awaiting_payment");
    // The states Coinbase's schema lists before it: nothing paid either.
    assert.equal(statusOf("ONRAMP_ORDER_STATUS_PENDING_AUTH"), "awaiting_payment");
    assert.equal(statusOf("ONRAMP_ORDER_STATUS_PENDING_VERIFICATION"), "awaiting_payment");
    assert.equal(statusOf("ONRAMP_ORDER_STATUS_PROCESSING"), "in_progress");
    // Coinbase's hosted checkout waiting for the user to authenticate or pay: not paid either,
    // as the transactions API's same statuses read (normaliseStatus).
    // The same payment reported as a transaction (the hosted shape names guest methods too):
    // not the ledger's to attach or count again.
    for (const paymentMethod of ["GUEST_CHECKOUT_APPLE_PAY", "GUEST_CHECKOUT_GOOGLE_PAY"]) {
      const reading = toReport("onramp.transaction.updated", hosted({ paymentMethod }));
      assert.deepEqual(reading, { ignored: "guest_order_payment" });
    }
    for (const waiting of ["AWAITING_PAYMENT", "AWAITING_AUTH"]) {
      const status = `ONRAMP_TRANSACTION_STATUS_${waiting}`;
      const hostedReading = toReport("onramp.transaction.updated", hosted({ status }));
      assert.equal("report" in hostedReading && hostedReading.report.status, "awaiting_payment");
      assert.equal(normaliseStatus(status, "buy", undefined), "awaiting_payment");
    }

    // Placed just now: the row starts when the order did, and only a recent one is unfinished.
    const justNow = new Date().toISOString();
    await deliver(
      guestOrder({ status: "ONRAMP_ORDER_STATUS_PENDING_PAYMENT", createdAt: justNow }),
    );
    const [order] = await listLedger("user-1", {}, db());
    assert.equal(order!.status, "awaiting_payment");
    // Not ended: a reloaded guest checkout still points to it, as before, naming what it buys.
    const purchase = {
      total: "100.75",
      currency: "USD",
      asset: "USDC",
      network: "base",
    };
    assert.deepEqual(await findUnfinishedOrder("user-1"), {
      orderId: order!.coinbaseOrderId,
      purchase,
    });
    // With its payment button stored (placed through our order route), the page frames it again.
    const link = { url: "https://pay.example/v2/api-onramp/apple-pay?sessionToken=t", type: "X" };
    await db()
      .update(rampTransaction)
      .set({ paymentLinkUrl: link.url, paymentLinkType: link.type })
      .where(eq(rampTransaction.id, order!.id));
    assert.deepEqual(await findUnfinishedOrder("user-1"), {
      orderId: order!.coinbaseOrderId,
      paymentLink: { url: link.url, paymentLinkType: link.type },
      purchase,
    });

    await deliver(guestOrder({ updatedAt: iso(70) }));
    assert.equal((await rowOf(order!.id)).status, "in_progress");
    // Coinbase's "not paid" delivered late, even stamped later: a paid order never reads unpaid.
    const late = await deliver(
      guestOrder({ status: "ONRAMP_ORDER_STATUS_PENDING_PAYMENT", updatedAt: iso(80) }),
    );
    assert.deepEqual(
      [late.body.outcome, (await rowOf(order!.id)).status],
      ["stale", "in_progress"],
    );
  });

  test("an unknown user or transaction: kept as unmatched, logged, no row invented", async () => {
    await startedAt(0, { asset: "ETH" });
    const output = await captureOutput(async () => {
      assert.deepEqual((await deliver(hosted({ partnerUserRef: "nobody" }))).body, {
        received: true,
        outcome: "unmatched",
      });
      assert.equal((await deliver(hosted({ transactionId: "tx-9" }))).body.outcome, "unmatched");
      assert.equal(
        (await deliver(hosted({ transactionId: "tx-8", partnerUserRef: undefined }))).body.outcome,
        "unmatched",
      );
    });
    assert.equal((await listLedger("nobody", {}, db())).length, 0);
    assert.equal((await listLedger("user-1", {}, db())).length, 1);
    const events = await storedEvents();
    assert.deepEqual(
      events.map((e) => e.outcome),
      ["unmatched", "unmatched", "unmatched"],
    );
    assert.equal((events[0]!.payload as { partnerUserRef: string }).partnerUserRef, "nobody");
    const unmatched = output
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.event === "webhook_received");
    assert.deepEqual(
      unmatched.map((line) => [line.level, line.outcome, line.reason]),
      [
        ["warn", "unmatched", "no_ledger_row"],
        ["warn", "unmatched", "no_ledger_row"],
        ["warn", "unmatched", "no_partner_user_ref"],
      ],
    );
  });

  test("a reference with a NUL or half a surrogate pair (the user edited it): 200 and kept, not a 500 retried for ever", async () => {
    const mine = await startedAt(0);
    for (const partnerUserRef of ["user-1\u0000", "user-1\ud800", "user-1\udc00x"]) {
      const answer = await deliver(hosted({ partnerUserRef, transactionId: "tx-odd" }));
      assert.deepEqual(answer, { status: 200, body: { received: true, outcome: "unmatched" } });
    }
    const refs = (await storedEvents()).map(
      (e) => (e.payload as { partnerUserRef: string }).partnerUserRef,
    );
    assert.deepEqual(refs, ["user-1\ufffd", "user-1\ufffd", "user-1\ufffdx"]);
    assert.equal((await rowOf(mine)).status, "started");
  });

  test("an event naming another user than the row with its id touches nothing", async () => {
    const mine = await startedAt(0);
    await deliver(hosted());
    const theirs = await deliver(
      hosted({ partnerUserRef: "user-2", status: "ONRAMP_TRANSACTION_STATUS_FAILED" }),
    );
    assert.equal(theirs.body.outcome, "unmatched");
    assert.equal((await rowOf(mine)).status, "in_progress");
  });

  test("unknown event types and statuses: 200, stored, ignored", async () => {
    const origin = await startedAt(0);
    const other = await deliver(
      { eventType: "onchain.activity.detected", transactionHash: "0x1" },
      { type: "onchain.activity.detected" },
    );
    assert.deepEqual(other, { status: 200, body: { received: true, outcome: "ignored" } });
    const odd = await deliver(hosted({ status: "ONRAMP_TRANSACTION_STATUS_UNSPECIFIED" }));
    assert.equal(odd.body.outcome, "ignored");
    const shapeless = await deliver({ eventType: "onramp.transaction.updated", status: 3 });
    assert.equal(shapeless.body.outcome, "ignored");
    const events = await storedEvents();
    assert.deepEqual(events.map((e) => [e.type, e.outcome]).sort(), [
      ["onchain.activity.detected", "ignored"],
      ["onramp.transaction.updated", "ignored"],
      ["onramp.transaction.updated", "ignored"],
    ]);
    assert.equal((await rowOf(origin)).status, "started");
  });

  test("an event whose transaction a poll attached to another row meanwhile goes to that row", async () => {
    const older = await startedAt(0);
    const newer = await startedAt(10);
    const reading = toReport(
      "onramp.transaction.updated",
      hosted({ status: "ONRAMP_TRANSACTION_STATUS_SUCCESS", txHash: "0xw" }),
    );
    assert.ok("report" in reading);
    // Inside a transaction, as an event is applied: the refused write must not end it.
    const applied = await db().transaction((tx) => {
      const racing = withRivalWrite(tx, attachId(older, "tx-1"));
      return applyReport(racing.db, reading.report).then((result) => ({ result, racing }));
    });
    const racing = applied.racing;
    assert.deepEqual(applied.result, { outcome: "applied" });
    assert.ok(racing.state.raced, "the rival wrote first");
    const holder = await rowOf(older);
    assert.deepEqual(
      [holder.coinbaseTransactionId, holder.status, holder.txHash],
      ["tx-1", "success", "0xw"],
    );
    assert.equal((await rowOf(newer)).status, "started");
  });

  test("a final row takes only the transaction hash it lacked, from an event or a poll", async () => {
    const origin = await startedAt(0);
    const success = {
      eventType: "onramp.transaction.success",
      status: "ONRAMP_TRANSACTION_STATUS_SUCCESS",
      completedAt: iso(120),
    };
    // Success announced before the hash is known ("0x"), then again with it and other figures.
    await deliver(hosted(success));
    const withHash = hosted({
      ...success,
      txHash: "0xabc",
      purchaseAmount: { value: "48", currency: "USDC" },
      completedAt: iso(130),
    });
    assert.equal((await deliver(withHash)).body.outcome, "applied");
    let row = await rowOf(origin);
    assert.deepEqual([row.status, row.txHash, row.cryptoAmount], ["success", "0xabc", "49.1"]);
    // Once it has its hash, a final row takes nothing more.
    assert.equal((await deliver(hosted({ ...success, txHash: "0xdef" }))).body.outcome, "stale");
    assert.equal((await rowOf(origin)).txHash, "0xabc");

    // A failure keeps the reason it was first reported with: the label cannot flip.
    const failed = await startedAt(0, { asset: "ETH" });
    const eth = { transactionId: "tx-2", purchaseCurrency: "ETH", purchaseAmount: undefined };
    const failure = { ...eth, status: "ONRAMP_TRANSACTION_STATUS_FAILED" };
    await deliver(hosted({ ...failure, failureReason: "FAILURE_REASON_BUY_FAILED" }));
    const other = await deliver(hosted({ ...failure, failureReason: "Cancelled by the user" }));
    assert.equal(other.body.outcome, "stale");
    const polled = {
      id: "tx-2",
      side: "buy" as const,
      status: "failed" as const,
      asset: "ETH",
      network: "base",
      fees: [],
      failureReason: "Cancelled by the user",
      fiat: { value: "12.00", currency: "USD" },
      createdAt: iso(60),
    };
    await reconcileLedger("buy", "user-1", [polled], db());
    row = await rowOf(failed);
    assert.deepEqual(
      [row.status, row.failureReason, row.fiatAmount],
      ["failed", "FAILURE_REASON_BUY_FAILED", "50.00"],
    );
  });

  test("a field Coinbase sends as null reads as absent: the event is applied, not dropped", async () => {
    const origin = await startedAt(0);
    const nulls = { txHash: null, networkFee: null, completedAt: null, failureReason: null };
    assert.equal((await deliver(hosted(nulls))).body.outcome, "applied");
    const row = await rowOf(origin);
    assert.deepEqual([row.status, row.txHash, row.feeAmount], ["in_progress", null, "0.75"]);
    const order = guestOrder({ fees: null, txHash: null, updatedAt: null });
    assert.equal((await deliver(order)).body.outcome, "applied");
    const sale = await startedAt(0, { side: "sell", fiatAmount: undefined, cryptoAmount: "20" });
    const sold = offramp({ toAddress: null, txHash: null, coinbaseFee: null });
    assert.equal((await deliver(sold)).body.outcome, "applied");
    assert.equal((await rowOf(sale)).status, "created");
  });

  test("the poll and the webhooks agree: a poll's answer never moves a row back either", async () => {
    const origin = await startedAt(0);
    await deliver(hosted());
    const polled = {
      id: "tx-1",
      side: "buy" as const,
      status: "created" as const,
      asset: "USDC",
      network: "base",
      fees: [],
      createdAt: iso(60),
    };
    await reconcileLedger("buy", "user-1", [polled], db());
    assert.equal((await rowOf(origin)).status, "in_progress");
    await reconcileLedger("buy", "user-1", [{ ...polled, status: "success", txHash: "0xp" }], db());
    assert.equal((await rowOf(origin)).status, "success");
    assert.equal((await deliver(hosted())).body.outcome, "stale");
    assert.equal((await listLedger("user-1", {}, db())).length, 1);
  });
});
