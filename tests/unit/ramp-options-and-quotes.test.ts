import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createQuoteScheduler, type QuoteState } from "../../lib/ramp/quote-scheduler";
import { buildBuyUrl } from "../../lib/ramp/buy-url";
import { buildSellUrl } from "../../lib/ramp/sell-url";
import { catalogOptions, limitProblem, type RampOptions } from "../../lib/ramp/options";
import { OnrampRequestSchema, OfframpRequestSchema } from "../../lib/ramp/schemas";
import { guessRegion } from "../../lib/ramp/countries";
import {
  depositKnown,
  normaliseStatus,
  recentlyAwaitingDeposit,
} from "../../lib/ramp/transactions";
import { createOptionsCache, optionsOrFallback } from "../../lib/ramp/ramp-options";
import { AppError, isAppError } from "../../lib/http/app-error";
import { toRampOptions } from "../../lib/cdp/options-api";
import { toCoinbaseTransaction } from "../../lib/cdp/transactions-api";
import { notOffered } from "../../lib/ramp/check-offered";

describe("options cache", () => {
  const TTL_MS = 5 * 60 * 1000;
  const answer = (note: string): RampOptions => ({
    ...catalogOptions("buy"),
    source: "coinbase",
    note,
  });

  test("concurrent requests for one region make one upstream call", async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const cache = createOptionsCache(async (side, region) => {
      calls++;
      await gate;
      return answer(`${side} ${region.country} ${region.subdivision ?? ""}`);
    });
    const ny = { country: "US", subdivision: "NY" };
    const all = Promise.all(Array.from({ length: 20 }, () => optionsOrFallback(cache, "buy", ny)));
    release();
    assert.deepEqual(new Set((await all).map((o) => o.note)), new Set(["buy US NY"]));
    assert.equal(calls, 1);
    await optionsOrFallback(cache, "buy", { country: "GB" });
    assert.equal(calls, 2, "another region is another call");
    await optionsOrFallback(cache, "sell", ny);
    assert.equal(calls, 3, "the other side is another call");
  });

  test("answers expire after five minutes; failures are not kept", async () => {
    // lru-cache reads a start time of 0 as "no TTL": the clock starts later.
    let clock = 1000;
    let calls = 0;
    let fail = true;
    const cache = createOptionsCache(
      async () => {
        calls++;
        if (fail) throw new AppError("upstream_error", "down");
        return answer(String(calls));
      },
      { now: () => clock },
    );
    const gb = { country: "GB" };
    assert.equal((await optionsOrFallback(cache, "buy", gb)).source, "catalog");
    fail = false;
    assert.equal((await optionsOrFallback(cache, "buy", gb)).note, "2", "a failure is retried");
    clock += TTL_MS;
    assert.equal((await optionsOrFallback(cache, "buy", gb)).note, "2", "still fresh");
    clock += 1;
    assert.equal((await optionsOrFallback(cache, "buy", gb)).note, "3", "expired, loaded again");
    assert.equal(calls, 3);
  });

  test("a load's AppError reaches the caller as itself", async () => {
    const thrown = new AppError("upstream_auth", "CDP rejected the API key");
    const cache = createOptionsCache(async () => {
      throw thrown;
    });
    await assert.rejects(
      cache.fetch("any", { context: { side: "buy", region: { country: "XX" } } }),
      (error) => error === thrown && isAppError(error) && error.code === "upstream_auth",
    );
  });

  test("a refusal is kept one minute, then Coinbase is asked again; nothing else is kept", async () => {
    let clock = 1000;
    const calls: Record<string, number> = {};
    const failures: Record<string, AppError> = {
      AQ: new AppError("upstream_rejected", "Coinbase rejected the request: not here"),
      FR: new AppError("upstream_auth", "CDP rejected the API key"),
      DE: new AppError("upstream_busy", "Coinbase is rate limiting requests"),
      IT: new AppError("upstream_error", "down"),
      ES: new AppError("upstream_timeout", "slow"),
    };
    const cache = createOptionsCache(
      async (_side, { country }) => {
        calls[country] = (calls[country] ?? 0) + 1;
        throw failures[country]!;
      },
      { now: () => clock },
    );
    const ask = (country: string) => optionsOrFallback(cache, "buy", { country });
    for (let i = 0; i < 3; i++) {
      assert.equal((await ask("AQ")).note, "Coinbase rejected the request: not here");
      for (const country of ["FR", "DE", "IT", "ES"])
        assert.equal((await ask(country)).source, "catalog");
    }
    assert.deepEqual(calls, { AQ: 1, FR: 3, DE: 3, IT: 3, ES: 3 });
    clock += 60_000;
    assert.equal((await ask("AQ")).source, "unavailable");
    assert.equal(calls.AQ, 1, "still kept at one minute");
    clock += 1;
    assert.equal((await ask("AQ")).source, "unavailable");
    assert.equal(calls.AQ, 2, "a minute later, asked again");
  });

  test("when the options API fails, the catalog stands in; when Coinbase refuses the region, it is unavailable", async () => {
    const down = createOptionsCache(async () => {
      throw new AppError("upstream_error", "down");
    });
    const fallback = await optionsOrFallback(down, "buy", { country: "US", subdivision: "NY" });
    assert.equal(fallback.source, "catalog");
    assert.deepEqual(fallback, catalogOptions("buy"));
    const broken = createOptionsCache(async () => {
      throw new TypeError("not an AppError");
    });
    assert.deepEqual(
      await optionsOrFallback(broken, "sell", { country: "GB" }),
      catalogOptions("sell"),
    );
    const refused = createOptionsCache(async () => {
      throw new AppError(
        "upstream_rejected",
        "Coinbase rejected the request: country XX is not supported",
      );
    });
    const unavailable = await optionsOrFallback(refused, "sell", { country: "XX" });
    assert.equal(unavailable.source, "unavailable");
    assert.equal(unavailable.note, "Coinbase rejected the request: country XX is not supported");
    assert.deepEqual(unavailable.assets, []);
    const up = createOptionsCache(async () => ({ ...catalogOptions("buy"), source: "coinbase" }));
    assert.equal((await optionsOrFallback(up, "buy", { country: "GB" })).source, "coinbase");
  });

  test("limits: below the minimum and above the maximum are refused, unknown limits pass", () => {
    const options: RampOptions = {
      ...catalogOptions("buy"),
      source: "coinbase",
      fiatCurrencies: [{ code: "USD", limits: [{ method: "CARD", min: "2.00", max: "7500.00" }] }],
    };
    assert.equal(
      limitProblem(options, "USD", "CARD", "1.99"),
      "The minimum for debit card is $2.00",
    );
    assert.equal(
      limitProblem(options, "USD", "CARD", "7500.01"),
      "The maximum for debit card is $7,500.00",
    );
    assert.equal(limitProblem(options, "USD", "CARD", "100"), null);
    assert.equal(limitProblem(options, "EUR", "CARD", "1"), null);
  });
});

describe("Coinbase's options, kept to what the app can mint (lib/cdp/options-api.ts)", () => {
  test("assets outside the catalog, networks an asset is not offered on, and unknown methods are left out", () => {
    const options = toRampOptions(
      "buy",
      [
        {
          id: "USD",
          limits: [
            { id: "CARD", min: "2", max: "7500" },
            { id: "SEPA_TRANSFER", min: "10", max: "1000" },
          ],
        },
      ],
      [
        { symbol: "1INCH", name: "1inch", networks: [{ name: "ethereum" }] },
        {
          symbol: "ETH",
          name: "Ethereum",
          networks: [{ name: "ethereum" }, { name: "zksync" }, { name: "base" }],
        },
        { symbol: "SOL", name: "Solana", networks: [{ name: "ethereum" }] },
      ],
    );
    assert.deepEqual(options.assets, [
      { symbol: "ETH", name: "Ethereum", networks: ["ethereum", "base"] },
    ]);
    assert.deepEqual(options.methods, ["CARD"]);
    assert.deepEqual(options.fiatCurrencies, [
      { code: "USD", limits: [{ method: "CARD", min: "2", max: "7500" }] },
    ]);
    // A sale's methods are the cash-out ones.
    const sell = toRampOptions(
      "sell",
      [
        {
          id: "USD",
          limits: [
            { id: "CARD", min: "1", max: "9" },
            { id: "FIAT_WALLET", min: "1", max: "9" },
          ],
        },
      ],
      [],
    );
    assert.deepEqual(sell.methods, ["FIAT_WALLET"]);
  });

  test("Avalanche's C-Chain goes by Coinbase's name for it, avacchain", () => {
    const options = toRampOptions(
      "buy",
      [{ id: "USD", limits: [{ id: "CARD", min: "2", max: "7500" }] }],
      [
        { symbol: "AVAX", name: "Avalanche", networks: [{ name: "avacchain" }] },
        { symbol: "USDC", name: "USD Coin", networks: [{ name: "base" }, { name: "avacchain" }] },
      ],
    );
    assert.deepEqual(
      options.assets.map((a) => [a.symbol, a.networks]),
      [
        ["AVAX", ["avacchain"]],
        ["USDC", ["base", "avacchain"]],
      ],
    );
  });
});

describe("quote scheduler", () => {
  function harness(
    fetchQuote: (q: string, signal: AbortSignal) => Promise<string>,
    extra: { refreshMs?: number; now?: () => number } = {},
  ) {
    const timers: { fn: () => void; ms: number; id: number }[] = [];
    let nextId = 0;
    const states: QuoteState<string>[] = [];
    const scheduler = createQuoteScheduler<string, string>({
      delayMs: 400,
      ...extra,
      fetchQuote,
      onChange: (s) => states.push(s),
      setTimer: (fn, ms) => {
        const id = ++nextId;
        timers.push({ fn, ms, id });
        return id;
      },
      clearTimer: (id) => {
        const i = timers.findIndex((t) => t.id === id);
        if (i >= 0) timers.splice(i, 1);
      },
    });
    const fire = async () => {
      const t = timers.shift();
      t?.fn();
      await new Promise((r) => setImmediate(r));
    };
    return { scheduler, timers, states, fire };
  }

  test("debounced: only the last input of a burst is quoted", async () => {
    const asked: string[] = [];
    const h = harness(async (q) => {
      asked.push(q);
      return `quote ${q}`;
    });
    h.scheduler.request("1");
    h.scheduler.request("10");
    h.scheduler.request("100");
    assert.equal(h.timers.length, 1, "earlier timers were cancelled");
    assert.equal(h.timers[0]!.ms, 400);
    await h.fire();
    assert.deepEqual(asked, ["100"]);
    assert.deepEqual(h.states.at(-1), { status: "ready", value: "quote 100" });
  });

  test("one request in flight: a newer one aborts it, and a stale answer is dropped", async () => {
    const pending: { q: string; signal: AbortSignal; resolve: (v: string) => void }[] = [];
    const h = harness(
      (q, signal) => new Promise((resolve) => pending.push({ q, signal, resolve })),
    );
    h.scheduler.request("5");
    await h.fire();
    h.scheduler.request("50");
    assert.equal(pending[0]!.signal.aborted, true, "the older request was aborted");
    await h.fire();
    pending[1]!.resolve("quote 50");
    await new Promise((r) => setImmediate(r));
    pending[0]!.resolve("quote 5"); // arrives late
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(h.states.at(-1), { status: "ready", value: "quote 50" });
    assert.ok(!h.states.some((s) => s.status === "ready" && s.value === "quote 5"));
  });

  test("errors are reported, and null clears the quote", async () => {
    const h = harness(async () => {
      throw new Error("Amount below the minimum");
    });
    h.scheduler.request("0.5");
    assert.deepEqual(h.states.at(-1), { status: "loading" });
    await h.fire();
    assert.deepEqual(h.states.at(-1), {
      status: "error",
      message: "Amount below the minimum",
      refused: false,
    });
    h.scheduler.request(null);
    assert.deepEqual(h.states.at(-1), { status: "idle" });
    assert.equal(h.timers.length, 0);
  });

  test("a quote on screen is renewed after refreshMs, and a new input cancels that", async () => {
    const asked: string[] = [];
    const h = harness(async (q) => (asked.push(q), `quote ${q} #${asked.length}`), {
      refreshMs: 60_000,
    });
    h.scheduler.request("50");
    await h.fire();
    assert.deepEqual(h.states.at(-1), { status: "ready", value: "quote 50 #1" });
    assert.deepEqual(
      h.timers.map((t) => t.ms),
      [60_000],
    );
    const before = h.states.length;
    await h.fire(); // a minute later: asked again, quietly (the old one stays, not "updating")
    await h.fire();
    // Answered as quiet: nothing the user asked for, not read out (QuotePanel).
    assert.deepEqual(h.states.slice(before), [
      { status: "ready", value: "quote 50 #2", quiet: true },
    ]);
    assert.deepEqual(asked, ["50", "50"]);
    h.scheduler.request("60");
    assert.deepEqual(
      h.timers.map((t) => t.ms),
      [400],
      "the renewal of 50 is gone",
    );
  });

  test("a renewal whose timer ran late (the quote may have run out) is shown as updating", async () => {
    let clock = 0;
    const h = harness(async (q) => `quote ${q} at ${clock}`, {
      refreshMs: 60_000,
      now: () => clock,
    });
    h.scheduler.request("50");
    await h.fire();
    clock = 180_000; // a laptop asleep with the page open: the minute's timer fires now
    const before = h.states.length;
    await h.fire();
    assert.deepEqual(h.states.slice(before), [{ status: "loading" }]);
    await h.fire();
    assert.deepEqual(h.states.at(-1), { status: "ready", value: "quote 50 at 180000" });
  });

  test("a quiet renewal that fails takes the old quote off the screen", async () => {
    let fail = false;
    const h = harness(
      async (q) => {
        if (fail) throw new Error("Coinbase did not answer");
        return `quote ${q}`;
      },
      { refreshMs: 60_000 },
    );
    h.scheduler.request("50");
    await h.fire();
    fail = true;
    await h.fire();
    await h.fire();
    assert.deepEqual(h.states.at(-1), {
      status: "error",
      message: "Coinbase did not answer",
      refused: false,
    });
  });

  test("a quote that could not be had is asked for again: a minute later, or at once when the connection is back", async () => {
    let down = true;
    const asked: string[] = [];
    const h = harness(
      async (q) => {
        asked.push(q);
        if (down) throw new Error("Could not reach the server");
        return `quote ${q}`;
      },
      { refreshMs: 60_000 },
    );
    h.scheduler.request("50");
    await h.fire();
    assert.deepEqual(h.states.at(-1), {
      status: "error",
      message: "Could not reach the server",
      refused: false,
    });
    assert.deepEqual(
      h.timers.map((t) => t.ms),
      [60_000],
    );
    const before = h.states.length;
    await h.fire(); // a minute later, still down: asked again, the message left as it is
    await h.fire();
    assert.deepEqual(asked, ["50", "50"]);
    assert.deepEqual(h.states.slice(before), [
      { status: "error", message: "Could not reach the server", refused: false },
    ]);
    down = false;
    h.scheduler.retryUnavailable(); // the browser is online again
    assert.deepEqual(
      h.timers.map((t) => t.ms),
      [0],
      "at once, in place of the minute's retry",
    );
    await h.fire();
    assert.deepEqual(h.states.at(-1), { status: "ready", value: "quote 50" });
    h.scheduler.retryUnavailable(); // a quote on screen: nothing to retry
    assert.deepEqual(asked, ["50", "50", "50"]);
  });

  test("a refused quote is not asked for again until the input changes", async () => {
    const asked: string[] = [];
    const h = harness(
      async (q) => {
        asked.push(q);
        throw Object.assign(new Error("below the minimum"), { refused: true });
      },
      { refreshMs: 60_000 },
    );
    h.scheduler.request("1");
    await h.fire();
    assert.equal(h.timers.length, 0);
    h.scheduler.retryUnavailable();
    assert.equal(h.timers.length, 0);
    assert.deepEqual(asked, ["1"]);
  });

  test("back in view, a quote older than asked is renewed at once; a fresh one is left", async () => {
    let clock = 0;
    const asked: string[] = [];
    const h = harness(async (q) => (asked.push(q), `quote ${q}`), {
      refreshMs: 60_000,
      now: () => clock,
    });
    h.scheduler.refreshIfOlder(60_000); // nothing on screen: nothing to renew
    assert.equal(h.states.length, 0);
    h.scheduler.request("50");
    await h.fire();
    clock = 30_000;
    h.scheduler.refreshIfOlder(60_000);
    assert.deepEqual(asked, ["50"]);
    clock = 61_000; // the tab was hidden: its timer has not run yet
    h.scheduler.refreshIfOlder(60_000);
    assert.deepEqual(h.states.at(-1), { status: "loading" });
    assert.deepEqual(
      h.timers.map((t) => t.ms),
      [0],
      "at once, and the held-back renewal is replaced",
    );
    await h.fire();
    assert.deepEqual(asked, ["50", "50"]);
  });

  test("a refusal (the server said 400) is reported as one", async () => {
    const h = harness(async () => {
      throw Object.assign(new Error("below the CARD minimum of 2.00 USD"), { refused: true });
    });
    h.scheduler.request("1");
    await h.fire();
    assert.deepEqual(h.states.at(-1), {
      status: "error",
      message: "below the CARD minimum of 2.00 USD",
      refused: true,
    });
  });
});

describe("one-click URLs with a quote", () => {
  const base = "http://localhost:3000/sandbox/pay";

  test("buy: quoteId with the asset, method, currency and preset amount", () => {
    const url = new URL(
      buildBuyUrl(base, "tok", {
        asset: "USDC",
        network: "base",
        fiatAmount: "100",
        fiatCurrency: "USD",
        paymentMethod: "CARD",
        quoteId: "q-123",
        partnerUserRef: "anon-1",
        redirectUrl: "http://localhost:3000/buy/complete",
      }),
    );
    assert.equal(url.searchParams.get("quoteId"), "q-123");
    for (const [k, v] of [
      ["defaultAsset", "USDC"],
      ["defaultPaymentMethod", "CARD"],
      ["fiatCurrency", "USD"],
      ["presetFiatAmount", "100"],
    ])
      assert.equal(url.searchParams.get(k!), v);
  });

  test("sell: quoteId with the cash-out method and crypto amount", () => {
    const url = new URL(
      buildSellUrl(base, "tok", {
        asset: "ETH",
        network: "base",
        cryptoAmount: "0.05",
        fiatCurrency: "USD",
        cashoutMethod: "FIAT_WALLET",
        quoteId: "q-9",
        partnerUserRef: "anon-1",
        redirectUrl: "http://localhost:3000/sell/complete",
      }),
    );
    assert.equal(url.searchParams.get("quoteId"), "q-9");
    assert.equal(url.searchParams.get("defaultCashoutMethod"), "FIAT_WALLET");
    assert.equal(url.searchParams.get("presetCryptoAmount"), "0.05");
  });

  test("no quoteId parameter without a quote", () => {
    const url = new URL(
      buildBuyUrl(base, "tok", {
        asset: "ETH",
        network: "base",
        partnerUserRef: "r",
        redirectUrl: "http://localhost:3000/buy/complete",
      }),
    );
    assert.equal(url.searchParams.has("quoteId"), false);
  });

  test("the schemas refuse a quote without what it priced, and a US region without a state", () => {
    const base = {
      address: "0x52908400098527886E0F7030069857D2E4169EE7",
      network: "base",
      asset: "USDC",
    };
    const noMethod = OnrampRequestSchema.safeParse({
      ...base,
      fiatAmount: "100",
      fiatCurrency: "USD",
      quoteId: "q-1",
    });
    assert.equal(noMethod.success, false);
    assert.ok(noMethod.error!.issues.some((i) => i.path[0] === "quoteId"));
    assert.equal(
      OnrampRequestSchema.safeParse({
        ...base,
        fiatAmount: "100",
        fiatCurrency: "USD",
        paymentMethod: "CARD",
        quoteId: "q-1",
      }).success,
      true,
    );
    const sell = OfframpRequestSchema.safeParse({
      ...base,
      asset: "ETH",
      fiatAmount: "10",
      fiatCurrency: "USD",
      cashoutMethod: "FIAT_WALLET",
      quoteId: "q-2",
    });
    assert.equal(sell.success, false, "a sell quote prices a crypto amount");
    const noState = OnrampRequestSchema.safeParse({ ...base, country: "US" });
    assert.ok(!noState.success && noState.error.issues.some((i) => i.path[0] === "subdivision"));
  });
});

describe("region and status helpers", () => {
  test("the default region comes from Accept-Language", () => {
    assert.deepEqual(guessRegion("en-GB,en;q=0.9"), { country: "GB" });
    assert.deepEqual(guessRegion("de-DE"), { country: "DE" });
    assert.deepEqual(guessRegion("en-US,en"), { country: "US", subdivision: "NY" });
    assert.deepEqual(guessRegion("xx"), { country: "US", subdivision: "NY" });
    assert.deepEqual(guessRegion(null), { country: "US", subdivision: "NY" });
  });

  test("a sell in progress with no deposit yet is waiting for funds", () => {
    assert.equal(
      normaliseStatus("ONRAMP_TRANSACTION_STATUS_IN_PROGRESS", "sell", ""),
      "awaiting_deposit",
    );
    assert.equal(
      normaliseStatus("ONRAMP_TRANSACTION_STATUS_IN_PROGRESS", "sell", "0xabc"),
      "in_progress",
    );
    assert.equal(
      normaliseStatus("ONRAMP_TRANSACTION_STATUS_IN_PROGRESS", "buy", ""),
      "in_progress",
    );
    assert.equal(normaliseStatus("ONRAMP_TRANSACTION_STATUS_SUCCESS", "buy", "0x1"), "success");
    assert.equal(normaliseStatus("ONRAMP_TRANSACTION_STATUS_FAILED", "sell", ""), "failed");
    assert.equal(normaliseStatus("ONRAMP_TRANSACTION_STATUS_CREATED", "buy", ""), "created");
  });

  test("a sale created with its deposit address is waiting for the user's crypto, not just started", () => {
    const address = "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913";
    for (const created of ["ONRAMP_TRANSACTION_STATUS_CREATED", "TRANSACTION_STATUS_CREATED"]) {
      assert.equal(normaliseStatus(created, "sell", undefined, address), "awaiting_deposit");
      assert.equal(normaliseStatus(created, "sell", "0xsent", address), "in_progress");
      assert.equal(normaliseStatus(created, "sell", undefined), "created", "no address yet");
      assert.equal(normaliseStatus(created, "sell", undefined, " "), "created", "a blank one");
    }
    const listed = toCoinbaseTransaction("sell", {
      status: "ONRAMP_TRANSACTION_STATUS_CREATED",
      transaction_id: "sell-1",
      created_at: "2026-01-01T00:00:00Z",
      asset: "ETH",
      network: "base",
      sell_amount: { value: "0.05", currency: "ETH" },
      to_address: address,
      tx_hash: "",
    });
    assert.deepEqual([listed.status, listed.toAddress], ["awaiting_deposit", address]);
  });

  test("a sale says where to send only once Coinbase named the address and the amount", () => {
    const sale = {
      id: "t1",
      side: "sell" as const,
      status: "awaiting_deposit" as const,
      asset: "ETH",
      network: "base",
      createdAt: "2026-01-01T00:00:00Z",
    };
    const crypto = { value: "0.05", currency: "ETH" };
    assert.equal(depositKnown({ ...sale, toAddress: "0xabc", crypto }), true);
    assert.equal(depositKnown({ ...sale, crypto }), false, "no address yet");
    assert.equal(depositKnown({ ...sale, toAddress: " ", crypto }), false, "a blank one");
    assert.equal(depositKnown({ ...sale, toAddress: "0xabc" }), false, "no amount yet");
  });

  test("an earlier sale's deposit stays on the page for Coinbase's 30 minutes, no longer", () => {
    const started = Date.parse("2026-01-01T00:00:00Z");
    const sale = { status: "awaiting_deposit" as const, createdAt: "2026-01-01T00:00:00Z" };
    assert.equal(recentlyAwaitingDeposit(sale, started + 29 * 60_000), true);
    assert.equal(recentlyAwaitingDeposit(sale, started + 31 * 60_000), false);
    assert.equal(recentlyAwaitingDeposit({ ...sale, status: "success" }, started), false);
  });
});

describe("what a region's options refuse before minting (lib/ramp/check-offered.ts)", () => {
  const US: RampOptions = {
    source: "coinbase",
    assets: [{ symbol: "USDC", name: "USD Coin", networks: ["base"] }],
    fiatCurrencies: [
      {
        code: "USD",
        limits: [
          { method: "CARD", min: "2.00", max: "7500.00" },
          { method: "ACH_BANK_ACCOUNT", min: "10.00", max: "25000.00" },
        ],
      },
    ],
    methods: ["CARD", "ACH_BANK_ACCOUNT"],
  };
  const offer = { asset: "USDC", network: "base", fiatCurrency: "USD", fiatAmount: "25" } as const;

  test("a currency the region does not offer is refused at its field, naming the one it does", () => {
    assert.deepEqual(notOffered("buy", { ...offer, fiatCurrency: "EUR", method: "CARD" }, US), {
      path: "fiatCurrency",
      message: "EUR is not offered in your region: use USD",
    });
    assert.equal(notOffered("buy", { ...offer, method: "CARD" }, US), null);
  });

  test("without a method, an amount no method takes is refused with the nearest method's limit", () => {
    const refused = (fiatAmount: string) => notOffered("buy", { ...offer, fiatAmount }, US);
    assert.deepEqual(refused("99999"), {
      path: "fiatAmount",
      message: "The maximum for bank account (ACH) is $25,000.00",
    });
    assert.deepEqual(refused("1"), {
      path: "fiatAmount",
      message: "The minimum for debit card is $2.00",
    });
    // One method takes it (the card, not the bank account): Coinbase's page offers that one.
    assert.equal(refused("5"), null);
    assert.equal(refused("20000"), null);
    // With a method, that method's limits hold.
    assert.deepEqual(notOffered("buy", { ...offer, fiatAmount: "9000", method: "CARD" }, US), {
      path: "fiatAmount",
      message: "The maximum for debit card is $7,500.00",
    });
  });
});
