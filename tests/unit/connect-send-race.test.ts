import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { standInForCoinbase } from "../support/coinbase-stand-in";
import { isAppError } from "../../lib/http/app-error";
import { sendCrypto } from "../../lib/oauth/send-crypto";
import { oneSendAtATime } from "../../lib/oauth/send-lock";
import { dropProcessSingleton } from "../../lib/process/singleton";
import { MemoryStore } from "../../lib/store/memory-store";

/**
 * Two sends at once from one connection (two tabs) against a Coinbase that lists what was
 * posted, as a real one does, after a round trip: the limit holds for both together.
 */
const LIMIT = { send_limit_amount: "50", send_limit_currency: "USD", send_limit_period: "month" };
const SCOPES = ["wallet:accounts:read", "wallet:transactions:read", "wallet:transactions:send"];
const posted: { id: string; amount: string; idem: string; at: number }[] = [];
let clockAheadMs = 0;
let stop: () => Promise<void>;

function transaction(p: (typeof posted)[number]) {
  const value = { amount: `-${p.amount}`, currency: "USDC" };
  return {
    id: p.id,
    type: "send",
    status: "pending",
    amount: value,
    native_amount: { amount: `-${p.amount}`, currency: "USD" },
    created_at: new Date(p.at + clockAheadMs).toISOString(),
    idem: p.idem,
  };
}

before(async () => {
  stop = await standInForCoinbase((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk));
    req.on("end", async () => {
      const path = (req.url ?? "").replace(/^\/sandbox\/api/, "");
      const answer = (status: number, data: unknown, more = {}) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify({ data, ...more }));
      };
      if (path === "/v2/user/auth") return answer(200, { scopes: SCOPES, oauth_meta: LIMIT });
      if (path.startsWith("/v2/accounts?")) {
        const balance = { amount: "1000", currency: "USDC" };
        return answer(200, [{ id: "acc", name: "USDC", currency: "USDC", balance }]);
      }
      if (path.startsWith("/v2/prices/")) return answer(200, { amount: "1" });
      if (path.startsWith("/v2/accounts/acc/transactions") && req.method === "GET") {
        await new Promise((resolve) => setTimeout(resolve, 150));
        return answer(200, posted.map(transaction).reverse(), { pagination: { next_uri: null } });
      }
      if (path === "/v2/accounts/acc/transactions" && req.method === "POST") {
        const { amount, idem } = JSON.parse(body) as { amount: string; idem: string };
        const sent = { id: `t${posted.length}`, amount, idem, at: Date.now() };
        posted.push(sent);
        return answer(201, transaction(sent));
      }
      answer(404, null);
    });
  });
});

after(() => stop());

const usdc = (amount: string) => ({
  accountId: "acc",
  network: "base",
  to: "0x52908400098527886E0F7030069857D2E4169EE7",
  amount,
  idem: crypto.randomUUID(),
});
const outcome = (send: Promise<unknown>) =>
  send.then(
    () => "sent",
    (error: unknown) => (isAppError(error) ? error.code : String(error)),
  );

describe("sends from one connection under one limit", () => {
  test("two at once (two tabs): the second is checked after the first, and refused", async () => {
    posted.length = 0;
    const both = await Promise.all([
      outcome(sendCrypto("at-1", usdc("40"))),
      outcome(sendCrypto("at-1", usdc("40"))),
    ]);
    assert.deepEqual(both.sort(), ["send_limit_exceeded", "sent"]);
    assert.deepEqual(
      posted.map((p) => p.amount),
      ["40"],
      "one send posted: 40 of the 50 USD",
    );
    // Done with, the lock is gone: the next send within what is left goes.
    assert.equal(await outcome(sendCrypto("at-1", usdc("10"))), "sent");
  });

  test("a send Coinbase stamps ahead of this server's clock counts toward the limit", async () => {
    posted.length = 0;
    clockAheadMs = 2_000;
    try {
      assert.equal(await outcome(sendCrypto("at-1", usdc("40"))), "sent");
      assert.equal(await outcome(sendCrypto("at-1", usdc("40"))), "send_limit_exceeded");
    } finally {
      clockAheadMs = 0;
    }
  });

  test("checks slower than the lock's life: the next send takes it, and the slow one posts nothing", async () => {
    process.env.UPSTREAM_TIMEOUT_MS = "100";
    dropProcessSingleton("config");
    const store = new MemoryStore();
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const opener = () => {
      let open!: () => void;
      return { gate: new Promise<void>((resolve) => (open = resolve)), open: () => open() };
    };
    const [first, second] = [opener(), opener()];
    const steps: string[] = [];
    try {
      const slow = outcome(
        oneSendAtATime(
          "at-2",
          async (turn) => {
            await first.gate; // its checks outlive the lock
            await turn.holdForPost();
            steps.push("first posted");
          },
          store,
        ),
      );
      await pause(50);
      const next = oneSendAtATime(
        "at-2",
        async (turn) => {
          steps.push("second checking");
          await second.gate;
          await turn.holdForPost();
          steps.push("second posted");
        },
        store,
      );
      // Another connection is not held up meanwhile.
      assert.equal(await oneSendAtATime("at-3", async () => "other", store), "other");
      for (let i = 0; i < 200 && !steps.includes("second checking"); i++) await pause(50);
      assert.deepEqual(steps, ["second checking"], "the second took the lock once it ran out");
      first.open();
      assert.equal(await slow, "rate_limited", "the first, its lock lost, is not posted");
      // Its end left the second's lock in place: a third waits for the second.
      const third = oneSendAtATime("at-2", async () => void steps.push("third"), store);
      await pause(300);
      second.open();
      await Promise.all([next, third]);
      assert.deepEqual(steps, ["second checking", "second posted", "third"]);
    } finally {
      delete process.env.UPSTREAM_TIMEOUT_MS;
      dropProcessSingleton("config");
    }
  });
});
