import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// Sandbox mode with the inbox in memory: set before any module reads the config.
process.env.PGLITE_DIR = "memory://";
delete process.env.SMTP_URL;

import { prepareDatabase } from "../../lib/db/prepare";
import { listSandboxInbox } from "../../lib/mail/sandbox-inbox";
import { isAppError } from "../../lib/http/app-error";
import {
  PERIOD_MS,
  fromCents,
  isMoreThan,
  mostWithin,
  remainingCents,
  toCents,
  usedCents,
  valueInCents,
  type SendLimit,
} from "../../lib/oauth/send-limit";
import {
  getTransaction,
  mapSendError,
  postSend,
  type SendBody,
} from "../../lib/oauth/transactions-api";
import { getConfig } from "../../lib/config/env";
import { handleSpotPrice } from "../../lib/sandbox/oauth/spot-price-endpoint";
import { checkLimit, nativeValue } from "../../lib/sandbox/oauth/send-rules";
import { checkSend, sendAmountHint, sendLimitLine } from "../../components/account/send-state";
import { DEMO_ACCOUNTS, findAccount } from "../../lib/sandbox/oauth/accounts";
import { createGrant } from "../../lib/sandbox/oauth/grants";
import { issueTokens } from "../../lib/sandbox/oauth/tokens";
import { handleGetTransaction, handleSend } from "../../lib/sandbox/oauth/transactions-endpoint";

const EVM = "0x52908400098527886E0F7030069857D2E4169EE7";
const HOUR = 60 * 60 * 1000;
const NOW = Date.parse("2026-06-15T12:00:00Z");

describe("send limit arithmetic", () => {
  const limit = (period: SendLimit["period"]): SendLimit => ({
    amount: "50",
    currency: "USD",
    period,
  });

  test("each period counts the sends of its own rolling window, and no others", () => {
    const sends = [
      { amount: "-10.00", createdAt: NOW - 1 * HOUR }, // today
      { amount: "5.50", createdAt: NOW - 3 * 24 * HOUR }, // this week
      { amount: "7", createdAt: NOW - 20 * 24 * HOUR }, // this month
      { amount: "11.25", createdAt: NOW - 200 * 24 * HOUR }, // this year
      { amount: "99", createdAt: NOW - 400 * 24 * HOUR }, // too old for any
      { amount: "-2", createdAt: NOW + 2_000 }, // stamped by a clock 2 s ahead of ours
    ];
    assert.equal(usedCents(limit("day"), sends, NOW), 1200);
    assert.equal(usedCents(limit("week"), sends, NOW), 1750);
    assert.equal(usedCents(limit("month"), sends, NOW), 2450);
    assert.equal(usedCents(limit("year"), sends, NOW), 3575);
    assert.equal(remainingCents(limit("day"), sends, NOW), 3800);
    assert.equal(remainingCents(limit("year"), sends, NOW), 1425);
    assert.equal(PERIOD_MS.week, 7 * 24 * HOUR);
  });

  test("a send just outside the window no longer counts; the remainder never goes below zero", () => {
    const edge = [{ amount: "20", createdAt: NOW - PERIOD_MS.day }];
    assert.equal(usedCents(limit("day"), edge, NOW), 0);
    assert.equal(usedCents(limit("day"), edge, NOW - 1), 2000);
    assert.equal(remainingCents(limit("day"), [{ amount: "80", createdAt: NOW }], NOW), 0);
  });

  test("money is exact to the cent and fractions of a cent count against the user", () => {
    assert.equal(toCents("50"), 5000);
    assert.equal(toCents("20.01"), 2001);
    assert.equal(toCents("0.001"), 1);
    assert.equal(toCents("abc"), undefined);
    assert.equal(fromCents(5000 - 2001), "29.99");
    assert.equal(valueInCents("20", "1.00"), 2000);
    assert.equal(valueInCents("0.01", "3000.00"), 3000);
    assert.equal(valueInCents("0.0000001", "60000"), 1);
  });

  test("an amount is compared with the balance exactly, past what a float holds", () => {
    // As floats these two are equal: a send of one wei too many would pass.
    assert.equal(isMoreThan("1.000000000000000001", "1.000000000000000000"), true);
    assert.equal(isMoreThan("1.000000000000000000", "1.000000000000000001"), false);
    assert.equal(isMoreThan("2", "2.00"), false);
  });

  test("the most a limit allows is the largest 8-decimal amount worth no more than it", () => {
    for (const [cents, price, most] of [
      [5000, "60000", "0.00083333"],
      [5000, "1.00", "50"],
      [2999, "3000.00", "0.00999666"],
      [1, "60000.00", "0.00000016"],
      [0, "60000", "0"],
    ] as const) {
      assert.equal(mostWithin(cents, price), most, `${cents} at ${price}`);
      assert.ok(valueInCents(most, price)! <= cents, `${most} fits ${cents}`);
      // One unit more would not fit: nothing smaller is offered than what could be sent.
      const more = (Number(most) + 1e-8).toFixed(8);
      assert.ok(valueInCents(more, price)! > cents, `${more} does not fit ${cents}`);
    }
    assert.equal(mostWithin(5000, "0"), undefined);
    assert.equal(mostWithin(5000, "abc"), undefined);
  });
});

describe("/account's line about the send limit", () => {
  const limit = { amount: "50", currency: "USD", period: "month" as const };
  test("what is left, or why it is not known, as the server will treat a send", () => {
    assert.equal(
      sendLimitLine({ limit, remainingCents: 1250 }),
      "Left to send: $12.50 of $50.00 per month, counting sends of the last 30 days",
    );
    // A past send with no price in the limit's currency: the server refuses every send.
    assert.match(
      sendLimitLine({ limit, uncounted: "other_currency" }),
      /cannot value every past send in USD, so it cannot tell what is left: sending is off/,
    );
    // Too many sends to add up: Coinbase's own check is the one that counts.
    assert.match(
      sendLimitLine({ limit, uncounted: "too_many" }),
      /Coinbase checks it when you send/,
    );
    assert.match(sendLimitLine({ limit }), /grant wallet:transactions:read to see what is left/);
  });
});

describe("the send form's line under the amount", () => {
  const btc = { balance: "0.5123", currency: "BTC" };
  const monthLeft = (remainingCents?: number) => ({
    currency: "USD",
    period: "month",
    remainingCents,
  });
  test("says what the amount is worth, against what is left of the limit", () => {
    assert.equal(
      sendAmountHint("0.0005", btc, monthLeft(5000), "60000"),
      "About $30.00 of the $50.00 left now",
    );
    assert.equal(
      sendAmountHint("0.001", btc, monthLeft(5000), "60000"),
      "About $60.00: more than the $50.00 left now",
    );
    // Without wallet:transactions:read nothing is known to be left: the worth alone.
    assert.equal(sendAmountHint("0.001", btc, monthLeft(undefined), "60000"), "About $60.00");
  });
  test("before an amount, the most the limit allows, when it is less than the balance", () => {
    assert.equal(
      sendAmountHint("", btc, monthLeft(5000), "60000"),
      "Your limit allows up to about 0.00083333 BTC ($50.00 left now)",
    );
    assert.equal(
      sendAmountHint("", { ...btc, balance: "0.0001" }, monthLeft(5000), "60000"),
      undefined,
    );
    assert.equal(
      sendAmountHint("", btc, monthLeft(0), "60000"),
      "Nothing is left of your send limit now",
    );
  });
  test("USDC (6 decimals): the most the limit allows has no more, and more are refused", () => {
    const usdc = { balance: "1250.000000", currency: "USDC" };
    assert.equal(
      sendAmountHint("", usdc, monthLeft(5000), "0.92345"),
      "Your limit allows up to about 54.144783 USDC ($50.00 left now)",
    );
    const values = { accountId: "a", network: "base", to: EVM, amount: "1.1234567" };
    assert.deepEqual(checkSend(values, usdc, undefined, undefined), {
      amount: "USDC amounts have at most 6 decimals",
    });
    assert.deepEqual(checkSend({ ...values, amount: "1.123456" }, usdc, undefined, undefined), {});
    // 8 for the others, as before.
    assert.deepEqual(
      checkSend(
        { ...values, amount: "0.12345678" },
        { balance: "1", currency: "BTC" },
        undefined,
        undefined,
      ),
      {},
    );
  });
  test("nothing without a price or a limit", () => {
    assert.equal(sendAmountHint("0.001", btc, monthLeft(5000), undefined), undefined);
    assert.equal(sendAmountHint("0.001", btc, undefined, "60000"), undefined);
  });
});

describe("the Coinbase send client: the two-step replay", () => {
  const seen: { headers: Record<string, unknown>; body: string }[] = [];
  let server: Server;
  before(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        seen.push({ headers: req.headers, body });
        const approved = req.headers["cb-2fa-token"] === "1234567";
        res.writeHead(approved ? 201 : 402, { "content-type": "application/json" });
        res.end(
          JSON.stringify(
            approved
              ? {
                  data: {
                    id: "tx-1",
                    type: "send",
                    status: "pending",
                    amount: { amount: "-20.00", currency: "USDC" },
                    created_at: "2026-06-15T12:00:00Z",
                  },
                }
              : { errors: [{ id: "two_factor_required", message: "Two-step code required" }] },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    process.env.APP_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  test("402 two_factor_required, then the identical request with CB-2FA-TOKEN", async () => {
    const body: SendBody = {
      type: "send",
      to: EVM,
      amount: "20",
      currency: "USDC",
      network: "base",
      idem: "8f14e45f-ceea-467f-a8f3-5b2f0c3a9d11",
    };
    const error = await postSend("at-1", "acc-1", body).catch((e: unknown) => e);
    assert.ok(isAppError(error));
    assert.equal(error.code, "two_factor_required");
    const sent = await postSend("at-1", "acc-1", body, "1234567");
    assert.equal(sent.id, "tx-1");
    assert.equal(seen.length, 2);
    const [first, replay] = seen;
    assert.equal(replay!.body, first!.body, "the replay's body is byte for byte the first");
    assert.equal(JSON.parse(replay!.body).idem, body.idem);
    assert.equal(first!.headers["cb-2fa-token"], undefined);
    assert.equal(replay!.headers["cb-2fa-token"], "1234567");
    for (const request of seen) {
      assert.equal(request.headers["cb-version"], "2025-01-01");
      assert.equal(request.headers.accept, "application/json");
    }
  });

  test("two_factor_required again in answer to a code: that code was not taken", async () => {
    const body: SendBody = {
      type: "send",
      to: EVM,
      amount: "20",
      currency: "USDC",
      network: "base",
      idem: "0e4f6a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
    };
    const error = await postSend("at-1", "acc-1", body, "0000000").catch((e: unknown) => e);
    assert.ok(isAppError(error));
    assert.equal(error.code, "invalid_two_factor");
    assert.match(error.message, /That code is not right/);
  });

  test("a send asked for by ids that are not Coinbase's ('..' moves the path) is not found, and nothing is called", async () => {
    const before = seen.length;
    for (const [account, id] of [
      ["..", ".."],
      ["acc-1", ".."],
      ["..", "tx-1"],
      ["acc-1", "tx-1/../.."],
    ] as const) {
      const error = await getTransaction("at-1", account, id).catch((e: unknown) => e);
      assert.ok(isAppError(error), `${account}/${id}`);
      assert.equal(error.code, "not_found");
    }
    assert.equal(seen.length, before);
  });
});

describe("refused sends", () => {
  test("each refusal has its own code and message; 2FA is recognised at 402 and 400", () => {
    const refusal = (status: number, id: string, message = "") =>
      mapSendError(status, { errors: [{ id, message }] }, null);
    assert.equal(refusal(402, "two_factor_required").code, "two_factor_required");
    assert.equal(refusal(400, "two_factor_required").code, "two_factor_required");
    const seen = [
      refusal(400, "invalid_two_factor_token"),
      refusal(400, "expired_two_factor_token"),
      refusal(400, "send_limit_exceeded", "Over the limit"),
      refusal(400, "insufficient_funds", "Not enough USDC"),
      refusal(400, "invalid_address", "Not an address"),
      refusal(400, "something_new", "Coinbase's own words"),
    ];
    assert.deepEqual(
      seen.map((e) => e.code),
      [
        "invalid_two_factor",
        "two_factor_expired",
        "send_limit_exceeded",
        "insufficient_funds",
        "invalid_address",
        "upstream_rejected",
      ],
    );
    assert.equal(new Set(seen.map((e) => e.message)).size, seen.length);
    assert.equal(seen.at(-1)!.message, "Coinbase's own words");
    assert.equal(refusal(401, "expired_token").code, "not_connected");
  });

  test("a refusal with Coinbase's words keeps them, whatever its status", () => {
    const refusal = (status: number, id: string, message = "") =>
      mapSendError(status, { errors: [{ id, message }] }, null);
    for (const status of [402, 403, 404, 409]) {
      const e = refusal(status, "limit_reached", "You have reached your limit for this app");
      assert.deepEqual(
        [e.code, e.message],
        ["upstream_rejected", "You have reached your limit for this app"],
        String(status),
      );
    }
    // About scopes, or without words: the general mapping.
    assert.equal(refusal(403, "invalid_scope", "Invalid scope").code, "insufficient_scope");
    assert.equal(refusal(403, "forbidden").code, "insufficient_scope");
    assert.equal(refusal(429, "rate_limit_exceeded", "Slow down").code, "upstream_busy");
    assert.equal(refusal(503, "unavailable", "Down").code, "upstream_error");
  });
});

describe("the sandbox's send endpoint", () => {
  const usdc = DEMO_ACCOUNTS.find((a) => a.currency.code === "USDC")!;
  before(() => prepareDatabase());

  function call(token: string, body: object, twoFactor?: string) {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      "cb-version": "2025-01-01",
      "content-type": "application/json",
    };
    if (twoFactor) headers["cb-2fa-token"] = twoFactor;
    return handleSend(
      new Request(`http://localhost/v2/accounts/${usdc.id}/transactions`, {
        method: "POST",
        headers,
        body: JSON.stringify(body),
      }),
      usdc.id,
    );
  }

  async function latestCode(): Promise<string> {
    const [mail] = await listSandboxInbox(undefined, 1);
    return /(\d{7})/.exec(mail!.subject)![1]!;
  }

  function grantToSend(amount = "50", currency = "USD", extraScopes: string[] = []) {
    const grant = createGrant({
      clientId: `client-${Math.random()}`,
      scopes: ["wallet:accounts:read", "wallet:transactions:send", ...extraScopes],
      accountIds: [usdc.id],
      sendLimit: { amount, currency, period: "day" },
    });
    return issueTokens(grant).accessToken;
  }

  /** A send of `amount` USDC on Base to EVM, as the app posts it. */
  const usdcSend = (amount: string, idem: string) => ({
    type: "send",
    to: EVM,
    amount,
    currency: "USDC",
    network: "base",
    idem,
  });

  test("the same idem answers the earlier send: one debit, one transaction", async () => {
    assert.equal(getConfig().oauth.mode, "sandbox");
    const token = grantToSend();
    const body = usdcSend("5", "3c8e1f2a-1b4d-4c6e-9f0a-7d2b5e8c1a34");
    const before = findAccount(usdc.id)!.balance.amount;
    assert.equal((await call(token, body)).status, 402);
    const code = await latestCode();
    const first = await call(token, body, code);
    assert.equal(first.status, 201);
    const again = await call(token, body); // no code needed: it was sent already
    assert.equal(again.status, 201);
    const a = (await first.json()) as { data: { id: string } };
    const b = (await again.json()) as { data: { id: string } };
    assert.equal(b.data.id, a.data.id);
    assert.equal(Number(before) - Number(findAccount(usdc.id)!.balance.amount), 5);
  });

  test("reading one transaction needs wallet:transactions:read; the send scope alone is refused", async () => {
    const token = grantToSend();
    const body = usdcSend("1", "5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f");
    assert.equal((await call(token, body)).status, 402);
    const sent = await call(token, body, await latestCode());
    const { id } = ((await sent.json()) as { data: { id: string } }).data;
    const read = (accessToken: string) =>
      handleGetTransaction(
        new Request(`http://localhost/v2/accounts/${usdc.id}/transactions/${id}`, {
          headers: { authorization: `Bearer ${accessToken}`, "cb-version": "2025-01-01" },
        }),
        usdc.id,
        id,
      );
    const refused = await read(token);
    assert.equal(refused.status, 403);
    const { errors } = (await refused.json()) as { errors: { id: string }[] };
    assert.equal(errors[0]?.id, "invalid_scope");
    assert.equal((await read(grantToSend("50", "USD", ["wallet:transactions:read"]))).status, 200);
  });

  test("a limit in a currency the sandbox has no rate for refuses the send: never valued as USD", async () => {
    const token = grantToSend("50", "KRW");
    const before = findAccount(usdc.id)!.balance.amount;
    const body = usdcSend("5", "6e7f8091-ab2c-4d3e-9f40-5b6c7d8e9fa0");
    const refused = await call(token, body);
    assert.equal(refused.status, 403);
    const { errors } = (await refused.json()) as { errors: { id: string; message: string }[] };
    assert.equal(errors[0]!.id, "invalid_scope");
    assert.match(errors[0]!.message, /in KRW/);
    assert.equal(findAccount(usdc.id)!.balance.amount, before);
  });

  test("a code approves only the identical request, and the limit binds", async () => {
    const token = grantToSend("10");
    const body = usdcSend("8", "9b1d2c3e-4f5a-4b6c-8d7e-0f1a2b3c4d5e");
    assert.equal((await call(token, body)).status, 402);
    const code = await latestCode();
    const changed = await call(token, { ...body, to: "someone@example.com" }, code);
    // Coinbase's documented id, asking for a code again: not one of our own making.
    assert.equal(changed.status, 402);
    assert.equal(
      ((await changed.json()) as { errors: { id: string }[] }).errors[0]!.id,
      "two_factor_required",
    );
    assert.equal((await call(token, body, code)).status, 201);
    const over = await call(token, {
      ...body,
      amount: "3",
      idem: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    });
    assert.equal(over.status, 400);
    const refusal = ((await over.json()) as { errors: { id: string; message: string }[] })
      .errors[0]!;
    assert.equal(refusal.id, "validation_error");
    assert.match(refusal.message, /over the limit you approved/);
  });

  test("refusals use Coinbase's documented ids: param_required, validation_error", async () => {
    const token = grantToSend();
    const base = usdcSend("1", "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d");
    const idOf = async (response: Response) =>
      ((await response.json()) as { errors: { id: string }[] }).errors[0]!.id;
    const { to: _omitted, ...noRecipient } = base;
    const missing = await call(token, noRecipient);
    assert.equal(missing.status, 400);
    assert.equal(await idOf(missing), "param_required");
    // An amount finer than USDC's 6 decimals, in Coinbase's words.
    const fine = await call(token, { ...base, amount: "1.0000001" });
    assert.equal(fine.status, 400);
    assert.equal(
      ((await fine.json()) as { errors: { message: string }[] }).errors[0]!.message,
      "USDC can only have up to 6 decimals",
    );
    for (const bad of [{ to: "0x1234" }, { amount: "99999999" }]) {
      const refused = await call(token, { ...base, ...bad });
      assert.equal(refused.status, 400, JSON.stringify(bad));
      assert.equal(await idOf(refused), "validation_error", JSON.stringify(bad));
    }
  });

  test("a code that ran out: two_factor_required again, and a new code is mailed", async () => {
    const token = grantToSend();
    const body = usdcSend("1", "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e");
    assert.equal((await call(token, body)).status, 402);
    const first = await latestCode();
    const late = await handleSend(
      new Request(`http://localhost/v2/accounts/${usdc.id}/transactions`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "cb-version": "2025-01-01",
          "cb-2fa-token": first,
        },
        body: JSON.stringify(body),
      }),
      usdc.id,
      Date.now() + 6 * 60 * 1000,
    );
    assert.equal(late.status, 402);
    const fresh = await latestCode();
    assert.notEqual(fresh, first);
  });
});

describe("the sandbox values a send at the spot price it publishes (lib/sandbox/oauth)", () => {
  test("the most the app says a limit allows is what the sandbox's limit check lets through", async () => {
    const pairs = [
      ["POL", "GBP"],
      ["POL", "EUR"],
      ["USDC", "EUR"],
      ["ETH", "GBP"],
    ] as const;
    for (const [asset, fiat] of pairs) {
      const pair = `${asset}-${fiat}`;
      const spot = handleSpotPrice(new Request(`http://sandbox/v2/prices/${pair}/spot`), pair);
      const { data } = (await spot.json()) as { data: { amount: string } };
      // The form's "your limit allows up to about …" for a limit of 100.
      const most = mostWithin(10_000, data.amount, asset === "USDC" ? 6 : 8)!;
      const limit = { amount: "100", currency: fiat, period: "month" as const };
      const send = { to: "0x0", amount: most, currency: asset, network: "base" };
      const native = nativeValue(send, limit)!;
      assert.equal(toCents(native.amount), valueInCents(most, data.amount), pair);
      assert.equal(checkLimit(limit, native, []), undefined, `${pair}: ${most} at ${data.amount}`);
    }
  });

  test("an earlier send valued in another currency counts at today's price in the limit's", () => {
    const now = Date.parse("2026-12-07T12:00:00Z");
    // 60 USD worth of USDC sent under a USD limit, then a grant whose limit is 100 EUR.
    const earlier = {
      id: "send-1",
      grantId: "grant-1",
      clientId: "client-1",
      accountId: "usdc",
      currency: "USDC",
      network: "base",
      amount: "60",
      nativeAmount: { amount: "60.00", currency: "USD" },
      to: { kind: "address" as const, address: "0x0" },
      createdAt: now - 60_000,
    };
    const limit = { amount: "100", currency: "EUR", period: "month" as const };
    const worth = nativeValue(earlier, limit)!;
    assert.equal(worth.currency, "EUR");
    assert.notEqual(worth.amount, "60.00", "USDC is not worth one euro");
    const room = toCents("100.00")! - toCents(worth.amount)!;
    const justOver = { amount: ((room + 1) / 100).toFixed(2) };
    const justWithin = { amount: (room / 100).toFixed(2) };
    assert.equal(checkLimit(limit, justWithin, [earlier], now), undefined);
    assert.match(checkLimit(limit, justOver, [earlier], now)?.message ?? "", /over the limit/);
  });
});
