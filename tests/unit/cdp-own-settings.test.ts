import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { jwtVerify } from "jose";
import { generateSandboxKey } from "../../lib/cdp/api-key";
import { toJwtKey } from "../../lib/cdp/signing-key";
import type { OwnCdpClient } from "../../lib/cdp/client";
import { mintSessionToken } from "../../lib/cdp/session-token";
import { fetchRampOptions } from "../../lib/cdp/options-api";
import { fetchQuote } from "../../lib/cdp/quote-api";
import { fetchTransactions } from "../../lib/cdp/transactions-api";
import { getConfig } from "../../lib/config/env";

// A partner's product calls the CDP API files with its own key and base URL: this app's
// environment (its database, mail and session settings) must not be read, let alone demanded.
// Here that environment is one this app refuses, as a product on MySQL would have.

const signing = generateSandboxKey();
const seen: { path: string; verified: boolean }[] = [];
let server: Server;
let client: OwnCdpClient;

const money = (value: string, currency: string) => ({ value, currency });
const ANSWERS: Record<string, unknown> = {
  "/onramp/v1/token": { token: "own-token", channelId: "" },
  "/onramp/v1/buy/options": {
    payment_currencies: [{ id: "USD", limits: [{ id: "CARD", min: "2", max: "500" }] }],
    purchase_currencies: [{ symbol: "USDC", networks: [{ name: "base" }] }],
  },
  "/onramp/v1/buy/quote": {
    quote_id: "q-own",
    payment_total: money("10", "USD"),
    payment_subtotal: money("9", "USD"),
    purchase_amount: money("9", "USDC"),
    coinbase_fee: money("1", "USD"),
  },
  "/onramp/v1/buy/user/ref-1/transactions": { transactions: [] },
};

before(async () => {
  process.env.DATABASE_URL = "mysql://db.internal/product";
  delete process.env.SESSION_SECRET;
  server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    const bearer = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    req.resume();
    req.on("end", async () => {
      const verified = await jwtVerify(bearer, signing.publicKey).then(
        () => true,
        () => false,
      );
      seen.push({ path, verified });
      const answer = ANSWERS[path];
      res.writeHead(answer ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify(answer ?? { message: "not found" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  client = {
    baseUrl: `http://127.0.0.1:${port}`,
    key: await toJwtKey(signing),
    timeoutMs: 5_000,
  };
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the CDP API files with the caller's own settings", () => {
  test("this app's configuration is one it refuses, so reading it would throw", () => {
    assert.throws(() => getConfig(), /DATABASE_URL/);
  });

  test("mint, options, quote and transactions go to the given host, signed with the given key", async () => {
    const token = await mintSessionToken(
      { addresses: [{ address: "0x" + "1".repeat(40), blockchains: ["base"] }] },
      undefined,
      client,
    );
    assert.equal(token.token, "own-token");
    const options = await fetchRampOptions("buy", "US", "NY", client);
    assert.deepEqual(
      options.assets.map((a) => a.symbol),
      ["USDC"],
    );
    const quote = await fetchQuote(
      {
        side: "buy",
        asset: "USDC",
        network: "base",
        amount: "10",
        amountIn: "fiat",
        fiatCurrency: "USD",
        method: "CARD",
        country: "US",
        subdivision: "NY",
      },
      client,
    );
    assert.equal(quote.quoteId, "q-own");
    assert.deepEqual(await fetchTransactions("buy", "ref-1", client), []);
    assert.deepEqual(seen, [
      { path: "/onramp/v1/token", verified: true },
      { path: "/onramp/v1/buy/options", verified: true },
      { path: "/onramp/v1/buy/quote", verified: true },
      { path: "/onramp/v1/buy/user/ref-1/transactions", verified: true },
    ]);
  });
});
