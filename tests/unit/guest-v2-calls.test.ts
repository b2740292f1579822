import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createOrder,
  startVerification,
  submitVerification,
  type OrderRequest,
} from "../../lib/guest/onramp-api";
import { orderFailure } from "../../lib/guest/order-failure";
import { ORDER_MAY_EXIST } from "../../lib/guest/order-failure-text";
import { dropProcessSingleton } from "../../lib/process/singleton";
import { idempotencyKeyFor, UUID_V4 } from "../../lib/cdp/idempotency-key";
import { signCdpJwt } from "../../lib/cdp/jwt";
import { getCdpJwtKey } from "../../lib/cdp/signing-key";
import {
  handleStartVerification,
  handleSubmitVerification,
} from "../../lib/sandbox/onramp/verification-endpoints";
import { handleLimits } from "../../lib/sandbox/onramp/order-endpoints";
import { findVerification } from "../../lib/sandbox/onramp/verifications";
import { sandboxMail } from "../../lib/db/schema";
import { memoryDatabaseForFile } from "../support/ledger-rows";

/**
 * Guest checkout's v2 calls when an answer is lost on its way back: the sandbox's v2
 * endpoints over real HTTP, behind a gateway that, when told to, lets a request through to the
 * sandbox and then answers 503 in its place (as a proxy can), and never answers an order.
 */
const PREFIX = "/sandbox/cdp-platform";
let gateway: Server;
let gatewayUrl: string;
let loseNextSubmit = false;
// The sandbox "sends" each code into its inbox, a table of the app's (embedded) database.
memoryDatabaseForFile(sandboxMail);
const submits: { key: string | undefined; status: number }[] = [];

function toRequest(req: IncomingMessage, body: string): Request {
  const headers = new Headers();
  for (const name of ["authorization", "content-type", "x-idempotency-key", "host"]) {
    const value = req.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  return new Request(`${gatewayUrl}${req.url ?? "/"}`, { method: req.method, headers, body });
}

async function sandboxAnswer(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname.slice(PREFIX.length);
  if (path === "/v2/onramp/verifications") return handleStartVerification(request);
  if (path === "/v2/onramp/limits") return handleLimits(request);
  // An order whose answer never comes (the client's deadline ends the wait).
  if (path === "/v2/onramp/orders") return new Promise<Response>(() => {});
  const id = /^\/v2\/onramp\/verifications\/([^/]+)\/submit$/.exec(path)?.[1];
  return id ? handleSubmitVerification(request, id) : new Response(null, { status: 404 });
}

before(async () => {
  gateway = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const request = toRequest(req, Buffer.concat(chunks).toString("utf8"));
      void sandboxAnswer(request).then(async (answer) => {
        const lost = loseNextSubmit && request.url.endsWith("/submit");
        if (request.url.endsWith("/submit"))
          submits.push({ key: req.headers["x-idempotency-key"] as string, status: answer.status });
        loseNextSubmit &&= !lost;
        res.writeHead(lost ? 503 : answer.status, { "content-type": "application/json" });
        res.end(lost ? JSON.stringify({ errorType: "unavailable" }) : await answer.text());
      });
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
  // Sandbox mode with this gateway as the app's address: the v2 calls go through it.
  process.env.APP_URL = gatewayUrl;
  process.env.UPSTREAM_TIMEOUT_MS = "2000";
  dropProcessSingleton("config");
});

after(async () => {
  gateway.closeAllConnections();
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
});

async function startedCode(destination: string) {
  const started = await startVerification("email", destination);
  return { id: started.verificationId, code: findVerification(started.verificationId)!.code };
}

describe("guest verification codes: an accepted code whose answer was lost", () => {
  test("is sent again under the same key and answered as the first time, not refused as used", async () => {
    const { id, code } = await startedCode("lost-answer@example.com");
    submits.length = 0;
    loseNextSubmit = true;
    const done = await submitVerification(id, code);
    assert.equal(done.verificationId, id);
    // The sandbox accepted the first; the transport's retry got that answer again.
    assert.equal(submits.length, 2);
    assert.deepEqual(
      submits.map((s) => s.status),
      [200, 200],
    );
    assert.equal(submits[0]!.key, submits[1]!.key);
    // A UUID v4, the only form CDP takes (the sandbox refuses any other, tested below).
    assert.match(submits[0]!.key ?? "", UUID_V4);
    assert.ok(!submits[0]!.key!.includes(code), "no code in a header");
    assert.equal(findVerification(id)!.tries, 1, "the code was checked once");
  });

  test("the user entering the same code again is let through; another code is checked", async () => {
    const { id, code } = await startedCode("entered-twice@example.com");
    await submitVerification(id, code);
    assert.equal((await submitVerification(id, code)).verificationId, id);
    const other = code === "000000" ? "111111" : "000000";
    await assert.rejects(submitVerification(id, other), { code: "verification_invalid" });
  });

  test("a request to send a code carries a key of its own each time: one code per click", async () => {
    const first = await startVerification("email", "two-clicks@example.com");
    const second = await startVerification("email", "two-clicks@example.com");
    assert.notEqual(first.verificationId, second.verificationId);
  });
});

describe("the sandbox's X-Idempotency-Key", () => {
  async function post(path: string, body: unknown, key?: string): Promise<Response> {
    const url = `${gatewayUrl}${PREFIX}${path}`;
    const headers = new Headers({
      authorization: `Bearer ${await signCdpJwt(await getCdpJwtKey(), "POST", url)}`,
      "content-type": "application/json",
      ...(key ? { "x-idempotency-key": key } : {}),
    });
    return fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  }

  test("the same key again: the first answer, and no second code sent", async () => {
    const body = { channel: "email", destination: "same-key@example.com" };
    const key = randomUUID();
    const first = await post("/v2/onramp/verifications", body, key);
    const again = await post("/v2/onramp/verifications", body, key);
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.deepEqual(await again.json(), await first.json());
  });

  test("the same key with another body: 422 idempotency_error; without a key, each is new", async () => {
    const body = { channel: "email", destination: "conflict@example.com" };
    const key = randomUUID();
    assert.equal((await post("/v2/onramp/verifications", body, key)).status, 201);
    const other = { ...body, destination: "someone-else@example.com" };
    const refused = await post("/v2/onramp/verifications", other, key);
    assert.equal(refused.status, 422);
    assert.equal(((await refused.json()) as { errorType: string }).errorType, "idempotency_error");
    const a = (await (await post("/v2/onramp/verifications", body)).json()) as {
      verificationId: string;
    };
    const b = (await (await post("/v2/onramp/verifications", body)).json()) as {
      verificationId: string;
    };
    assert.notEqual(a.verificationId, b.verificationId);
  });
});

describe("idempotency keys as CDP takes them: a UUID v4, and no other form", () => {
  test("a submit's key is the same for the same verification and code, another for another", () => {
    const key = idempotencyKeyFor("onramp_verification_1", "123456");
    assert.match(key, UUID_V4);
    assert.equal(idempotencyKeyFor("onramp_verification_1", "123456"), key);
    assert.notEqual(idempotencyKeyFor("onramp_verification_1", "123457"), key);
    assert.notEqual(idempotencyKeyFor("onramp_verification_2", "123456"), key);
  });

  test("the sandbox refuses any other key with 400, as Coinbase does, and sends no code", async () => {
    const url = `${gatewayUrl}${PREFIX}/v2/onramp/verifications`;
    const body = JSON.stringify({ channel: "email", destination: "bad-key@example.com" });
    // Any string, a SHA-256 in hex, a UUID of version 1.
    for (const key of ["key-1", "a".repeat(64), "8e03978e-40d5-13e8-bc93-6894a57f9324"]) {
      const headers = {
        authorization: `Bearer ${await signCdpJwt(await getCdpJwtKey(), "POST", url)}`,
        "content-type": "application/json",
        "x-idempotency-key": key,
      };
      const refused = await fetch(url, { method: "POST", headers, body });
      assert.equal(refused.status, 400, key);
      assert.equal(((await refused.json()) as { errorType: string }).errorType, "invalid_request");
    }
  });
});

describe("a real order whose answer never comes", () => {
  const order: OrderRequest = {
    paymentCurrency: "USD",
    paymentAmount: "20.00",
    purchaseCurrency: "USDC",
    paymentMethod: "GUEST_CHECKOUT_APPLE_PAY",
    destinationAddress: "0x52908400098527886E0F7030069857D2E4169EE7",
    destinationNetwork: "base",
    partnerUserRef: "user-1",
    email: "order@example.com",
    phoneNumber: "+12125550123",
    phoneNumberVerifiedAt: new Date().toISOString(),
    agreementAcceptedAt: new Date().toISOString(),
    smsVerificationId: "sms",
    emailVerificationId: "email",
    domain: "localhost",
    isQuote: false,
  };

  test("times out, and the user is told an unpaid order may exist, charging nothing, and to try again", async () => {
    const thrown = await createOrder(order).then(
      () => assert.fail("the order was answered"),
      (error: unknown) => error,
    );
    assert.equal((thrown as { code?: string }).code, "upstream_timeout");
    const told = orderFailure(thrown, "sending");
    assert.equal(told.code, "upstream_timeout");
    assert.equal(told.message, ORDER_MAY_EXIST);
    assert.match(told.message, /may have made it\. An order charges nothing unless it is paid/);
  });
});

describe("the sandbox's limits", () => {
  test("a number outside the US: 400 invalid_request, the one refusal the OpenAPI lists there", async () => {
    const url = `${gatewayUrl}${PREFIX}/v2/onramp/limits`;
    const answer = await fetch(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${await signCdpJwt(await getCdpJwtKey(), "POST", url)}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        paymentMethodType: "GUEST_CHECKOUT_APPLE_PAY",
        userId: "+447700900123",
        userIdType: "phone_number",
      }),
    });
    assert.equal(answer.status, 400);
    assert.equal(((await answer.json()) as { errorType: string }).errorType, "invalid_request");
  });
});
