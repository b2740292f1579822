import { before, test, describe } from "node:test";
import assert from "node:assert/strict";
import { signCdpJwt } from "../../lib/cdp/jwt";
import { getCdpSigningKey } from "../../lib/cdp/signing-key";
import { checkAddress } from "../../lib/ramp/addresses";
import { handleBuyOptions, handleSellOptions } from "../../lib/sandbox/cdp/options-endpoint";
import { handleBuyQuote, handleSellQuote } from "../../lib/sandbox/cdp/quote-endpoint";
import { QUOTE_LIFETIME_MS } from "../../lib/sandbox/cdp/quote-store";
import {
  handleListBuyTransactions,
  handleListSellTransactions,
} from "../../lib/sandbox/cdp/transactions-endpoint";
import { simulateDeposit } from "../../lib/sandbox/cdp/transactions";
import { handleCreateToken } from "../../lib/sandbox/cdp/token-endpoint";
import { finishCheckout, openCheckout, type Checkout } from "../../lib/sandbox/pay/checkouts";
import { checkoutAmountProblem } from "../../lib/sandbox/pay/checkout-transaction";
import { depositPage, openCheckoutPage } from "../../lib/sandbox/pay/pay-pages";
import { issueSessionToken, type SessionGrant } from "../../lib/sandbox/pay/sessions";
import { deleteSubscription, listSubscriptions } from "../../lib/sandbox/webhooks/subscriptions";

// An empty env: sandbox mode, APP_URL http://localhost:3000, a per-process CDP key.
const ORIGIN = "http://localhost:3000";
const API = `${ORIGIN}/sandbox/cdp/onramp/v1`;
const EVM = "0x52908400098527886e0f7030069857d2e4169ee7";
// EVM as Coinbase's reports write it: checksummed (EIP-55), as in its OpenAPI's examples.
const EVM_REPORTED = "0x52908400098527886E0F7030069857D2E4169EE7";
const BTC = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
const IN_PROGRESS = "ONRAMP_TRANSACTION_STATUS_IN_PROGRESS";
const SUCCESS = "ONRAMP_TRANSACTION_STATUS_SUCCESS";
const FAILED = "ONRAMP_TRANSACTION_STATUS_FAILED";

interface Money {
  value: string;
  currency: string;
}

/** A request signed as the app signs it: `uris` is method + host + path, never the query. */
async function cdpRequest(
  method: string,
  url: string,
  body?: unknown,
  signFor: string = url,
): Promise<Request> {
  const jwt = await signCdpJwt(getCdpSigningKey(), method, signFor);
  return new Request(url, {
    method,
    headers: {
      host: "localhost:3000",
      authorization: `Bearer ${jwt}`,
      "content-type": "application/json",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

// No app listens here: the sandbox's own subscription to it would only send into the void.
before(() => {
  for (const { subscriptionId } of listSubscriptions()) deleteSubscription(subscriptionId);
});

async function json<T = Record<string, unknown>>(response: Response, status = 200): Promise<T> {
  const body = (await response.json()) as T;
  assert.equal(response.status, status, JSON.stringify(body));
  return body;
}

async function buyOptions(query: string) {
  return handleBuyOptions(await cdpRequest("GET", `${API}/buy/options?${query}`));
}

async function buyQuote(overrides: Record<string, unknown> = {}, now?: number) {
  const body = {
    purchase_currency: "ETH",
    purchase_network: "base",
    payment_amount: "100.00",
    payment_currency: "USD",
    payment_method: "CARD",
    country: "US",
    subdivision: "NY",
    ...overrides,
  };
  return handleBuyQuote(await cdpRequest("POST", `${API}/buy/quote`, body), now);
}

async function sellQuote(overrides: Record<string, unknown> = {}, now?: number) {
  const body = {
    sell_currency: "ETH",
    sell_network: "base",
    sell_amount: "0.05",
    cashout_currency: "USD",
    payment_method: "FIAT_WALLET",
    country: "US",
    subdivision: "NY",
    ...overrides,
  };
  return handleSellQuote(await cdpRequest("POST", `${API}/sell/quote`, body), now);
}

async function listTransactions(
  kind: "buy" | "sell",
  ref: string,
  now?: number,
  query = "page_size=10",
) {
  const url = `${API}/${kind}/user/${encodeURIComponent(ref)}/transactions?${query}`;
  const request = await cdpRequest("GET", url);
  const handler = kind === "buy" ? handleListBuyTransactions : handleListSellTransactions;
  return handler(request, ref, now);
}

type Listing = {
  transactions: Record<string, unknown>[];
  next_page_key: string;
  total_count: string;
};

const cents = (m: Money) => Math.round(Number(m.value) * 100);
let refCounter = 0;
const freshRef = (label: string) => `user-${label}-${process.pid}-${++refCounter}`;

/** Mints a token and opens the pay page, as a browser following the app's URL does. */
function open(
  kind: "buy" | "sell",
  params: Record<string, string>,
  grant?: SessionGrant,
  now?: number,
): Checkout {
  const token = issueSessionToken(
    grant ?? { addresses: [{ address: EVM, blockchains: ["base", "ethereum"] }] },
    now,
  );
  const search = new URLSearchParams({ sessionToken: token, ...params });
  const result = openCheckout(kind, search, now);
  assert.ok(result.ok, JSON.stringify(result));
  return (result as { checkout: Checkout }).checkout;
}

describe("CDP JWT on the new endpoints", () => {
  test("no JWT: 401 in Coinbase's shape", async () => {
    const response = await handleBuyOptions(
      new Request(`${API}/buy/options?country=US&subdivision=NY`, {
        headers: { host: "localhost:3000" },
      }),
    );
    assert.deepEqual(await json(response, 401), { code: 16, message: "Unauthorized", details: [] });
  });

  test("a JWT for another endpoint or method: 401", async () => {
    const wrongPath = await cdpRequest(
      "GET",
      `${API}/buy/options?country=US&subdivision=NY`,
      undefined,
      `${API}/sell/options`,
    );
    assert.equal((await handleBuyOptions(wrongPath)).status, 401);
    const wrongMethod = await signCdpJwt(getCdpSigningKey(), "GET", `${API}/buy/quote`);
    const quote = new Request(`${API}/buy/quote`, {
      method: "POST",
      headers: { host: "localhost:3000", authorization: `Bearer ${wrongMethod}` },
      body: "{}",
    });
    assert.equal((await handleBuyQuote(quote)).status, 401);
    const list = new Request(`${API}/buy/user/u1/transactions`, {
      headers: { host: "localhost:3000" },
    });
    assert.equal((await handleListBuyTransactions(list, "u1")).status, 401);
  });

  test("GET is signed without its query string", async () => {
    assert.equal(
      (await cdpRequest("GET", `${API}/sell/options?country=GB`)).url.includes("?country=GB"),
      true,
    );
    assert.equal(
      (await handleSellOptions(await cdpRequest("GET", `${API}/sell/options?country=GB`))).status,
      200,
    );
  });

  test("the token endpoint still works", async () => {
    const response = await handleCreateToken(
      await cdpRequest("POST", `${API}/token`, {
        addresses: [{ address: EVM, blockchains: ["base"] }],
      }),
    );
    const body = await json<{ token: string }>(response);
    assert.ok(body.token.length > 20);
  });
});

describe("POST token: bad bodies", () => {
  const mint = async (body: unknown) => {
    const request = await cdpRequest("POST", `${API}/token`);
    const raw = typeof body === "string" ? body : JSON.stringify(body);
    return handleCreateToken(new Request(request, { body: raw }));
  };
  const message = async (body: unknown) =>
    (await json<{ message: string }>(await mint(body), 400)).message;

  test("each is a 400 in Coinbase's shape, naming the first field at fault", async () => {
    assert.equal(await message("{not json"), "invalid JSON body");
    assert.equal(await message([1]), "the request body must be a JSON object");
    assert.equal(await message({}), "addresses is missing or of the wrong type");
    assert.equal(
      await message({
        addresses: [{ address: EVM, blockchains: ["base"] }],
        clientIp: "10.0.0.1",
      }),
      "clientIp: clientIp must be a public IP address",
    );
  });
});

describe("GET buy/options and sell/options", () => {
  type BuyOptions = {
    payment_currencies: { id: string; limits: { id: string; min: string; max: string }[] }[];
    purchase_currencies: {
      id: string;
      symbol: string;
      name: string;
      networks: { name: string; chain_id: string; contract_address: string }[];
    }[];
  };

  test("US needs a valid subdivision", async () => {
    assert.match(
      (await json<{ message: string }>(await buyOptions("country=US"), 400)).message,
      /subdivision/,
    );
    assert.equal((await buyOptions("country=US&subdivision=ZZ")).status, 400);
    assert.equal((await buyOptions("country=US&subdivision=DC")).status, 200);
  });

  test("country is required, upper case and supported", async () => {
    assert.equal((await buyOptions("")).status, 400);
    assert.equal((await buyOptions("country=us&subdivision=NY")).status, 400);
    assert.deepEqual(await json(await buyOptions("country=KP"), 400), {
      code: 3,
      message: "country KP is not supported",
      details: [],
    });
  });

  test("US-NY: USD with every US method, no SOL", async () => {
    const body = await json<BuyOptions>(await buyOptions("country=US&subdivision=NY"));
    assert.deepEqual(
      body.payment_currencies.map((c) => c.id),
      ["USD"],
    );
    const limits = body.payment_currencies[0]?.limits ?? [];
    assert.deepEqual(
      limits.map((l) => l.id),
      ["CARD", "ACH_BANK_ACCOUNT", "APPLE_PAY", "PAYPAL", "FIAT_WALLET", "CRYPTO_ACCOUNT"],
    );
    assert.deepEqual(limits[0], { id: "CARD", min: "2.00", max: "7500.00" });
    const symbols = body.purchase_currencies.map((c) => c.symbol);
    assert.ok(!symbols.includes("SOL"));
    assert.ok(symbols.includes("ETH") && symbols.includes("cbBTC"));
    const eth = body.purchase_currencies.find((c) => c.symbol === "ETH");
    assert.match(eth?.id ?? "", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual(eth?.networks[0], {
      name: "ethereum",
      display_name: "Ethereum",
      chain_id: "1",
      contract_address: "",
    });
  });

  test("US-CA offers SOL; ids are stable", async () => {
    const ca = await json<BuyOptions>(await buyOptions("country=US&subdivision=CA"));
    const ny = await json<BuyOptions>(await buyOptions("country=US&subdivision=NY"));
    assert.ok(ca.purchase_currencies.some((c) => c.symbol === "SOL"));
    assert.equal(
      ca.purchase_currencies.find((c) => c.symbol === "ETH")?.id,
      ny.purchase_currencies.find((c) => c.symbol === "ETH")?.id,
    );
  });

  test("GB pays in GBP and EUR, without ACH but with PayPal", async () => {
    const body = await json<BuyOptions>(await buyOptions("country=GB"));
    assert.deepEqual(
      body.payment_currencies.map((c) => c.id),
      ["GBP", "EUR"],
    );
    const methods = body.payment_currencies[0]?.limits.map((l) => l.id) ?? [];
    assert.ok(!methods.includes("ACH_BANK_ACCOUNT"));
    assert.ok(
      methods.includes("PAYPAL") && methods.includes("CARD") && methods.includes("APPLE_PAY"),
    );
  });

  test("JP pays in JPY, scaled limits, no cbBTC", async () => {
    const body = await json<BuyOptions>(await buyOptions("country=JP"));
    assert.deepEqual(
      body.payment_currencies.map((c) => c.id),
      ["JPY"],
    );
    const card = body.payment_currencies[0]?.limits.find((l) => l.id === "CARD");
    assert.ok(card && Number(card.min) > 100 && Number(card.max) > 500_000);
    assert.ok(!body.purchase_currencies.some((c) => c.symbol === "cbBTC"));
    assert.ok(!body.payment_currencies[0]?.limits.some((l) => l.id === "PAYPAL"));
  });

  test("sell options: cash-out currencies and methods, same asset shape", async () => {
    type SellOptions = {
      cashout_currencies: { id: string; limits: { id: string }[] }[];
      sell_currencies: unknown[];
    };
    const us = await json<SellOptions>(
      await handleSellOptions(
        await cdpRequest("GET", `${API}/sell/options?country=US&subdivision=TX`),
      ),
    );
    assert.deepEqual(
      us.cashout_currencies[0]?.limits.map((l) => l.id),
      ["FIAT_WALLET", "ACH_BANK_ACCOUNT", "PAYPAL", "CRYPTO_ACCOUNT"],
    );
    const ch = await json<SellOptions>(
      await handleSellOptions(await cdpRequest("GET", `${API}/sell/options?country=CH`)),
    );
    assert.deepEqual(
      ch.cashout_currencies.map((c) => c.id),
      ["CHF", "EUR"],
    );
    assert.ok(!ch.cashout_currencies[0]?.limits.some((l) => l.id === "ACH_BANK_ACCOUNT"));
    const buy = await json<BuyOptions>(await buyOptions("country=CH"));
    assert.deepEqual(ch.sell_currencies, buy.purchase_currencies);
  });
});

describe("POST buy/quote", () => {
  type BuyQuote = {
    quote_id: string;
    payment_total: Money;
    payment_subtotal: Money;
    purchase_amount: Money;
    coinbase_fee: Money;
    network_fee: Money;
  };

  test("total = subtotal + fees; purchase = subtotal / price", async () => {
    const q = await json<BuyQuote>(await buyQuote());
    assert.match(q.quote_id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(q.payment_total, { value: "100.00", currency: "USD" });
    assert.deepEqual(q.coinbase_fee, { value: "3.99", currency: "USD" });
    assert.equal(q.network_fee.currency, "USD");
    assert.equal(
      cents(q.payment_total),
      cents(q.payment_subtotal) + cents(q.coinbase_fee) + cents(q.network_fee),
    );
    assert.equal(q.purchase_amount.currency, "ETH");
    assert.match(q.purchase_amount.value, /^\d+\.\d{8}$/);
    assert.ok(
      Math.abs(Number(q.purchase_amount.value) - Number(q.payment_subtotal.value) / 3000) < 1e-8,
    );
  });

  test("fees depend on method and network; other currencies convert", async () => {
    const ach = await json<BuyQuote>(
      await buyQuote({ payment_method: "ACH_BANK_ACCOUNT", purchase_network: "ethereum" }),
    );
    assert.equal(ach.coinbase_fee.value, "1.49");
    assert.equal(ach.network_fee.value, "1.50");
    const eur = await json<BuyQuote>(
      await buyQuote({
        country: "DE",
        subdivision: undefined,
        payment_currency: "EUR",
        purchase_currency: "BTC",
        purchase_network: "bitcoin",
      }),
    );
    assert.equal(eur.payment_total.currency, "EUR");
    assert.equal(
      cents(eur.payment_total),
      cents(eur.payment_subtotal) + cents(eur.coinbase_fee) + cents(eur.network_fee),
    );
    assert.equal(eur.purchase_amount.currency, "BTC");
  });

  test("limits are enforced and named", async () => {
    const low = await json<{ message: string }>(await buyQuote({ payment_amount: "1.99" }), 400);
    assert.match(low.message, /minimum of 2\.00 USD/);
    const high = await json<{ message: string }>(
      await buyQuote({ payment_amount: "7500.01" }),
      400,
    );
    assert.match(high.message, /maximum of 7500\.00 USD/);
    assert.equal((await buyQuote({ payment_amount: "7500.00" })).status, 200);
    assert.equal(
      (await buyQuote({ payment_amount: "20000", payment_method: "ACH_BANK_ACCOUNT" })).status,
      200,
    );
  });

  test("Coinbase-style validation", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ purchase_currency: "DOGE" }, /purchase_currency DOGE is not supported/],
      [{ purchase_network: "tron" }, /purchase_network tron is not supported/],
      [{ purchase_network: "polygon" }, /ETH is not available on polygon/],
      [{ purchase_currency: "SOL", purchase_network: "solana" }, /SOL is not available in US-NY/],
      [{ payment_currency: "EUR" }, /payment_currency EUR is not available in US-NY/],
      [{ payment_currency: "XYZ" }, /payment_currency XYZ is not supported/],
      [
        { payment_method: "ACH_BANK_ACCOUNT", country: "GB", payment_currency: "GBP" },
        /ACH_BANK_ACCOUNT is not available in GB/,
      ],
      [{ payment_amount: "-5" }, /positive decimal/],
      [{ payment_amount: "0" }, /positive decimal/],
      [{ payment_amount: "10.001" }, /at most 2 decimal places/],
      [{ payment_amount: 100 }, /payment_amount is missing or of the wrong type/],
      [{ country: "US", subdivision: undefined }, /subdivision/],
      [{ country: "ZZ" }, /country ZZ is not supported/],
      [
        { purchase_currency: "BTC", purchase_network: "bitcoin", payment_amount: "2.00" },
        /does not cover the fees/,
      ],
    ];
    for (const [overrides, message] of cases) {
      const body = await json<{ code: number; message: string }>(await buyQuote(overrides), 400);
      assert.equal(body.code, 3);
      assert.match(body.message, message, JSON.stringify(overrides));
    }
    const notJson = new Request(`${API}/buy/quote`, {
      method: "POST",
      headers: {
        host: "localhost:3000",
        authorization: `Bearer ${await signCdpJwt(getCdpSigningKey(), "POST", `${API}/buy/quote`)}`,
      },
      body: "{",
    });
    assert.equal((await handleBuyQuote(notJson)).status, 400);
  });
});

describe("POST sell/quote", () => {
  type SellQuote = {
    quote_id: string;
    sell_amount: Money;
    cashout_total: Money;
    cashout_subtotal: Money;
    coinbase_fee: Money;
  };

  test("subtotal = amount × price; total = subtotal − fee", async () => {
    const q = await json<SellQuote>(await sellQuote());
    assert.deepEqual(q.sell_amount, { value: "0.05000000", currency: "ETH" });
    assert.deepEqual(q.cashout_subtotal, { value: "150.00", currency: "USD" });
    assert.deepEqual(q.coinbase_fee, { value: "1.49", currency: "USD" });
    assert.deepEqual(q.cashout_total, { value: "148.51", currency: "USD" });
  });

  test("validation and limits", async () => {
    assert.match(
      (await json<{ message: string }>(await sellQuote({ sell_amount: "0.0001" }), 400)).message,
      /minimum of 1\.00 USD/,
    );
    assert.match(
      (await json<{ message: string }>(await sellQuote({ sell_amount: "100" }), 400)).message,
      /maximum of 50000\.00 USD/,
    );
    assert.match(
      (await json<{ message: string }>(await sellQuote({ payment_method: "CARD" }), 400)).message,
      /payment_method CARD is not available/,
    );
    assert.match(
      (await json<{ message: string }>(await sellQuote({ sell_network: "solana" }), 400)).message,
      /ETH is not available on solana/,
    );
    assert.match(
      (await json<{ message: string }>(await sellQuote({ cashout_currency: "GBP" }), 400)).message,
      /cashout_currency GBP/,
    );
    assert.equal((await sellQuote({ sell_amount: "abc" })).status, 400);
  });
});

describe("transactions from the pay pages", () => {
  const t0 = Date.parse("2030-01-01T00:00:00Z");

  test("Complete pressed twice (a double click) sends the user on again and records one purchase; Cancel after it is refused", async () => {
    const ref = freshRef("buy");
    const checkout = open("buy", { partnerUserId: ref, presetFiatAmount: "25" }, undefined, t0);
    const first = finishCheckout(checkout.id, "completed", t0);
    const again = finishCheckout(checkout.id, "completed", t0 + 100);
    assert.ok(first && again);
    assert.equal(again.transactionId, first.transactionId);
    assert.equal(again.redirectUrl, first.redirectUrl);
    assert.equal(finishCheckout(checkout.id, "cancelled", t0 + 200), undefined);
    const listed = await json<Listing>(await listTransactions("buy", ref, t0 + 300));
    assert.equal(listed.total_count, "1");
  });

  test("a completed buy is IN_PROGRESS, then SUCCESS 3 s later with a tx hash", async () => {
    const ref = freshRef("buy");
    const checkout = open(
      "buy",
      { partnerUserId: ref, defaultAsset: "USDC", defaultNetwork: "base", presetFiatAmount: "25" },
      undefined,
      t0,
    );
    assert.ok(finishCheckout(checkout.id, "completed", t0));

    const during = await json<Listing>(await listTransactions("buy", ref, t0 + 2999));
    assert.equal(during.total_count, "1");
    const tx = during.transactions[0] ?? {};
    assert.equal(tx.status, IN_PROGRESS);
    assert.equal(tx.tx_hash, "");
    assert.equal(tx.partner_user_ref, ref);
    assert.equal(tx.purchase_currency, "USDC");
    assert.equal(tx.purchase_network, "base");
    assert.equal(tx.wallet_address, EVM_REPORTED, "the session's address, checksummed");
    assert.equal(tx.payment_method, "CARD");
    assert.deepEqual(tx.payment_total, { value: "25.00", currency: "USD" });
    assert.equal(tx.completed_at, undefined);

    const after = await json<Listing>(await listTransactions("buy", ref, t0 + 3000));
    const done = after.transactions[0] ?? {};
    assert.equal(done.status, SUCCESS);
    assert.match(String(done.tx_hash), /^0x[0-9a-f]{64}$/);
    assert.equal(done.created_at, new Date(t0).toISOString());
    assert.equal(done.completed_at, new Date(t0 + 3000).toISOString());
  });

  test("a buy reads the user reference under either documented name: partnerUserRef or partnerUserId", async () => {
    const ref = freshRef("buy-param");
    finishCheckout(open("buy", { partnerUserRef: ref }, undefined, t0).id, "completed", t0);
    assert.equal((await json<Listing>(await listTransactions("buy", ref, t0))).total_count, "1");
    finishCheckout(open("buy", { partnerUserId: ref }, undefined, t0).id, "completed", t0);
    assert.equal((await json<Listing>(await listTransactions("buy", ref, t0))).total_count, "2");
  });

  test("a buy with a quote uses the quote's figures, and the page carries them", async () => {
    const ref = freshRef("quoted");
    const q = await json<{ quote_id: string; payment_total: Money; purchase_amount: Money }>(
      await buyQuote({}, t0),
    );
    const checkout = open("buy", { partnerUserId: ref, quoteId: q.quote_id }, undefined, t0 + 1000);
    assert.equal(checkout.quote?.quote_id, q.quote_id);
    finishCheckout(checkout.id, "completed", t0 + 1000);
    const [tx] = (await json<Listing>(await listTransactions("buy", ref, t0 + 1000))).transactions;
    assert.deepEqual(tx?.payment_total, q.payment_total);
    assert.deepEqual(tx?.purchase_amount, q.purchase_amount);
    assert.equal(tx?.purchase_network, "base");
  });

  test("an unknown or expired quote refuses the page without spending the token", async () => {
    const token = issueSessionToken({ addresses: [{ address: EVM, blockchains: ["base"] }] }, t0);
    const unknown = openCheckout(
      "buy",
      new URLSearchParams({ sessionToken: token, quoteId: "nope" }),
      t0,
    );
    assert.equal(unknown.ok, false);
    assert.match((unknown as { title: string }).title, /quote is not valid/);

    const q = await json<{ quote_id: string }>(await buyQuote({}, t0));
    const expired = openCheckout(
      "buy",
      new URLSearchParams({ sessionToken: token, quoteId: q.quote_id }),
      t0 + QUOTE_LIFETIME_MS + 1,
    );
    assert.match((expired as { title: string }).title, /expired/);

    const sellQ = await json<{ quote_id: string }>(await sellQuote({}, t0));
    const wrongKind = openCheckout(
      "buy",
      new URLSearchParams({ sessionToken: token, quoteId: sellQ.quote_id }),
      t0,
    );
    assert.equal(wrongKind.ok, false);

    assert.equal(
      openCheckout("buy", new URLSearchParams({ sessionToken: token }), t0 + 1000).ok,
      true,
    );
  });

  test("a quote for a network the session does not allow is refused", async () => {
    const q = await json<{ quote_id: string }>(
      await buyQuote({ purchase_network: "arbitrum" }, t0),
    );
    const token = issueSessionToken({ addresses: [{ address: EVM, blockchains: ["base"] }] }, t0);
    const result = openCheckout(
      "buy",
      new URLSearchParams({ sessionToken: token, quoteId: q.quote_id }),
      t0,
    );
    assert.equal(result.ok, false);
    assert.match((result as { message: string }).message, /ETH on arbitrum/);
  });

  test("a crypto preset fixes the purchase amount", async () => {
    const ref = freshRef("crypto");
    const grant = { addresses: [{ address: BTC, blockchains: ["bitcoin"] }] };
    const checkout = open(
      "buy",
      { partnerUserId: ref, presetCryptoAmount: "0.001", defaultPaymentMethod: "ACH_BANK_ACCOUNT" },
      grant,
      t0,
    );
    finishCheckout(checkout.id, "completed", t0);
    const [tx] = (await json<Listing>(await listTransactions("buy", ref, t0 + 5000))).transactions;
    assert.deepEqual(tx?.purchase_amount, { value: "0.00100000", currency: "BTC" });
    assert.equal(tx?.purchase_network, "bitcoin");
    assert.equal(tx?.payment_method, "ACH_BANK_ACCOUNT");
    assert.ok(Number((tx?.payment_total as Money).value) > 60);
    assert.match(String(tx?.tx_hash), /^[0-9a-f]{64}$/);
  });

  test("a cancelled buy is FAILED with a reason", async () => {
    const ref = freshRef("cancel");
    const checkout = open("buy", { partnerUserId: ref }, undefined, t0);
    finishCheckout(checkout.id, "cancelled", t0);
    const [tx] = (await json<Listing>(await listTransactions("buy", ref, t0 + 10_000)))
      .transactions;
    assert.equal(tx?.status, FAILED);
    assert.equal(tx?.failure_reason, "Cancelled by the user");
    assert.equal(tx?.tx_hash, "");
  });

  test("a purchase made to fail on the pay page (Payment declined) is FAILED with a reason that is no cancellation", async () => {
    const ref = freshRef("declined");
    const checkout = open("buy", { partnerUserId: ref }, undefined, t0);
    assert.ok(finishCheckout(checkout.id, "declined", t0));
    const [tx] = (await json<Listing>(await listTransactions("buy", ref, t0 + 10_000)))
      .transactions;
    assert.equal(tx?.status, FAILED);
    assert.equal(tx?.failure_reason, "The payment was declined");
    assert.equal(tx?.tx_hash, "");
  });

  test("an amount outside the method's limits, or nothing once rounded, is not confirmed; Cancel still is", async () => {
    const refused: [Parameters<typeof open>[0], Record<string, string>, RegExp][] = [
      ["sell", { presetCryptoAmount: "0.000000004" }, /sells nothing once rounded/],
      ["sell", { presetCryptoAmount: "100000" }, /above the FIAT_WALLET maximum/],
      ["buy", { presetFiatAmount: "1" }, /below the CARD minimum/],
      ["buy", { presetFiatAmount: "9000" }, /above the CARD maximum/],
    ];
    for (const [kind, presets, problem] of refused) {
      const ref = freshRef("limits");
      const params = {
        ...presets,
        ...(kind === "sell"
          ? { partnerUserRef: ref, redirectUrl: `${ORIGIN}/sell/complete`, defaultAsset: "ETH" }
          : { partnerUserId: ref }),
      };
      const checkout = open(kind, params, undefined, t0);
      assert.match(checkoutAmountProblem(checkout) ?? "", problem, JSON.stringify(presets));
      assert.equal(finishCheckout(checkout.id, "completed", t0), undefined);
      assert.ok(finishCheckout(checkout.id, "cancelled", t0), "Cancel still works");
    }
    const fine = open(
      "buy",
      { partnerUserId: freshRef("limits"), presetFiatAmount: "50" },
      undefined,
      t0,
    );
    assert.equal(checkoutAmountProblem(fine), undefined);
  });

  test("a checkout finishes once: a second finish records nothing", async () => {
    const ref = freshRef("once");
    const checkout = open("buy", { partnerUserId: ref }, undefined, t0);
    finishCheckout(checkout.id, "completed", t0);
    assert.equal(finishCheckout(checkout.id, "cancelled", t0), undefined);
    assert.equal((await json<Listing>(await listTransactions("buy", ref, t0))).total_count, "1");
  });

  // The sale's source address as reported: an EVM one checksummed, any other as given.
  for (const [network, address, reported = address] of [
    ["arbitrum", EVM, EVM_REPORTED],
    ["bitcoin", BTC],
    ["litecoin", "ltc1qkmcc6yjd4elem7e9qh08hk7c02yfcz3ampd28r"],
    ["solana", "ETJ9cUYRepKfgRUccce5zUQgN4xowiVbg8MSe9nTYfTR"],
  ] as const) {
    test(`a confirmed sell on ${network} waits for a deposit to a valid address, then succeeds`, async () => {
      const ref = freshRef(`sell-${network}`);
      const checkout = open(
        "sell",
        {
          partnerUserId: ref,
          partnerUserRef: ref,
          redirectUrl: `${ORIGIN}/sell/complete`,
          presetFiatAmount: "50",
          defaultCashoutMethod: "ACH_BANK_ACCOUNT",
        },
        { addresses: [{ address, blockchains: [network] }] },
        t0,
      );
      finishCheckout(checkout.id, "completed", t0);
      assert.ok(checkout.transactionId);
      const [pending] = (await json<Listing>(await listTransactions("sell", ref, t0 + 60_000)))
        .transactions;
      assert.equal(pending?.status, IN_PROGRESS);
      assert.equal(pending?.tx_hash, "");
      assert.equal(pending?.network, network);
      assert.equal(pending?.from_address, reported);
      assert.equal(pending?.cashout_method, "ACH_BANK_ACCOUNT");
      assert.equal(pending?.transaction_id, checkout.transactionId);
      assert.deepEqual(checkAddress(network, String(pending?.to_address)), { ok: true });
      assert.match(String((pending?.sell_amount as Money).value), /^\d+\.\d{8}$/);

      assert.deepEqual(simulateDeposit(checkout.transactionId, t0 + 60_000), { ok: true });
      const [seen] = (await json<Listing>(await listTransactions("sell", ref, t0 + 61_999)))
        .transactions;
      assert.equal(seen?.status, IN_PROGRESS);
      assert.notEqual(seen?.tx_hash, "");
      const [done] = (await json<Listing>(await listTransactions("sell", ref, t0 + 62_000)))
        .transactions;
      assert.equal(done?.status, SUCCESS);
      assert.equal(done?.tx_hash, seen?.tx_hash);
      assert.equal(done?.to_address, pending?.to_address);
      assert.equal(done?.completed_at, new Date(t0 + 62_000).toISOString());
    });
  }

  test("a sell with a quote uses its amounts; a cancelled sell is FAILED and takes no deposit", async () => {
    const ref = freshRef("sellq");
    const q = await json<{ quote_id: string; sell_amount: Money; cashout_total: Money }>(
      await sellQuote({}, t0),
    );
    const params = {
      partnerUserId: ref,
      partnerUserRef: ref,
      redirectUrl: `${ORIGIN}/sell/complete`,
    };
    const quoted = open("sell", { ...params, quoteId: q.quote_id }, undefined, t0);
    finishCheckout(quoted.id, "completed", t0);
    const cancelled = open("sell", params, undefined, t0 + 1);
    finishCheckout(cancelled.id, "cancelled", t0 + 1);

    const list = await json<Listing>(await listTransactions("sell", ref, t0 + 10));
    assert.equal(list.total_count, "2");
    const [newest, older] = list.transactions;
    assert.equal(newest?.status, FAILED);
    assert.equal(newest?.failure_reason, "Cancelled by the user");
    assert.deepEqual(simulateDeposit(String(newest?.transaction_id), t0 + 10), {
      ok: false,
      reason: "not-in-progress",
    });
    assert.deepEqual(older?.sell_amount, q.sell_amount);
    assert.deepEqual(older?.total, q.cashout_total);
    assert.deepEqual(simulateDeposit("unknown-id"), { ok: false, reason: "unknown" });
  });

  test("listing is newest first, per partner ref, paginated; unknown refs are empty", async () => {
    const ref = freshRef("list");
    const other = freshRef("other");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const checkout = open(
        "buy",
        { partnerUserId: ref, presetFiatAmount: String(10 + i) },
        undefined,
        t0 + i * 1000,
      );
      finishCheckout(checkout.id, "completed", t0 + i * 1000);
      ids.push(checkout.transactionId ?? "");
    }
    finishCheckout(open("buy", { partnerUserId: other }, undefined, t0).id, "completed", t0);

    const all = await json<Listing>(await listTransactions("buy", ref, t0 + 10_000));
    assert.deepEqual(
      all.transactions.map((t) => t.transaction_id),
      [...ids].reverse(),
    );
    assert.equal(all.next_page_key, "");
    assert.equal(all.total_count, "3");

    const first = await json<Listing>(
      await listTransactions("buy", ref, t0 + 10_000, "page_size=2"),
    );
    assert.equal(first.transactions.length, 2);
    assert.notEqual(first.next_page_key, "");
    const second = await json<Listing>(
      await listTransactions(
        "buy",
        ref,
        t0 + 10_000,
        `page_size=2&page_key=${first.next_page_key}`,
      ),
    );
    assert.deepEqual(
      second.transactions.map((t) => t.transaction_id),
      [ids[0]],
    );
    assert.equal(second.next_page_key, "");
    // The API reference's names for the same parameters.
    const camel = await json<Listing>(
      await listTransactions("buy", ref, t0 + 10_000, `pageSize=2&pageKey=${first.next_page_key}`),
    );
    assert.deepEqual(
      camel.transactions.map((t) => t.transaction_id),
      [ids[0]],
    );
    // No size named: Coinbase's default of one, the newest.
    const newest = await json<Listing>(await listTransactions("buy", ref, t0 + 10_000, ""));
    assert.deepEqual(
      newest.transactions.map((t) => t.transaction_id),
      [ids[2]],
    );

    assert.equal((await json<Listing>(await listTransactions("sell", ref, t0))).total_count, "0");
    assert.deepEqual(await json(await listTransactions("buy", "nobody-here", t0)), {
      transactions: [],
      next_page_key: "",
      total_count: "0",
    });
  });

  test("partner refs and page sizes are validated", async () => {
    assert.equal((await listTransactions("buy", "has space")).status, 400);
    assert.equal((await listTransactions("buy", "x".repeat(50))).status, 400);
    assert.equal((await listTransactions("buy", "a.b_c:d@e-f")).status, 200);
    assert.equal((await listTransactions("buy", "u1", undefined, "page_size=0")).status, 400);
    assert.equal((await listTransactions("buy", "u1", undefined, "page_size=abc")).status, 400);
    assert.equal((await listTransactions("buy", "u1", undefined, "page_key=%%%")).status, 400);
  });
});

describe("what the pay pages show", () => {
  const t0 = Date.parse("2031-01-01T00:00:00Z");
  const grant: SessionGrant = { addresses: [{ address: EVM, blockchains: ["base"] }] };
  const sellParams = (ref: string) => ({
    partnerUserId: ref,
    partnerUserRef: ref,
    redirectUrl: `${ORIGIN}/sell/complete`,
  });

  test("the checkout page reads Next's query; a repeated parameter counts as absent", () => {
    const sessionToken = issueSessionToken(grant, t0);
    const repeated = openCheckoutPage("buy", { sessionToken: [sessionToken, "x"] }, t0);
    assert.deepEqual(repeated, {
      ok: false,
      title: "Missing session token",
      message: "This page needs a sessionToken.",
    });
    const opened = openCheckoutPage("buy", { sessionToken, defaultAsset: "USDC" }, t0);
    assert.ok(opened.ok);
    assert.deepEqual(opened.checkout.presets, { defaultAsset: "USDC" });
  });

  test("the deposit page: a pending sale, or a title and message saying why not", () => {
    const titleOf = (search: Record<string, string | string[] | undefined>) => {
      const result = depositPage(search, t0);
      return result.ok ? "ok" : result.title;
    };
    assert.equal(titleOf({}), "Missing transaction");
    assert.equal(titleOf({ transactionId: "" }), "Missing transaction");
    assert.equal(titleOf({ transactionId: ["a", "b"] }), "Missing transaction");
    assert.equal(titleOf({ transactionId: "no-such-id" }), "Unknown transaction");

    const buy = open("buy", { partnerUserId: freshRef("page-buy") }, grant, t0);
    finishCheckout(buy.id, "completed", t0);
    assert.equal(titleOf({ transactionId: buy.transactionId! }), "Not a sale");

    const cancelled = open("sell", sellParams(freshRef("page-cancel")), grant, t0);
    finishCheckout(cancelled.id, "cancelled", t0);
    assert.equal(titleOf({ transactionId: cancelled.transactionId! }), "This sale was cancelled");

    const pending = open("sell", sellParams(freshRef("page-sell")), grant, t0);
    finishCheckout(pending.id, "completed", t0);
    const result = depositPage({ transactionId: pending.transactionId! }, t0);
    assert.ok(result.ok);
    assert.equal(result.sell.transaction_id, pending.transactionId);
    assert.equal(result.sell.status, IN_PROGRESS);
  });
});
