import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { buildBuyUrl } from "../../lib/ramp/buy-url";
import { buildSellUrl } from "../../lib/ramp/sell-url";

const PAY = "https://pay.coinbase.com";
const TOKEN = "ZWJlNDgwYmItNjBkMi00ZmFiLWIxYTQtMTM3MGI2YjJiNjFh";
const REDIRECT = "https://partner.example/done?order=42&note=a b&x=é#frag";

const minimalBuy = {
  asset: "USDC",
  network: "base",
  redirectUrl: "https://partner.example/done",
} as const;
const minimalSell = {
  asset: "USDC",
  network: "base",
  partnerUserRef: "user-123",
  redirectUrl: "https://partner.example/done",
} as const;

describe("buildBuyUrl", () => {
  test("path is /buy/select-asset and sessionToken comes first", () => {
    const url = new URL(buildBuyUrl(PAY, TOKEN, minimalBuy));
    assert.equal(url.origin, PAY);
    assert.equal(url.pathname, "/buy/select-asset");
    assert.equal([...url.searchParams.keys()][0], "sessionToken");
    assert.equal(url.searchParams.get("sessionToken"), TOKEN);
  });

  test("only the parameters that were set appear", () => {
    const url = new URL(buildBuyUrl(PAY, TOKEN, minimalBuy));
    assert.deepEqual([...url.searchParams.keys()].sort(), [
      "defaultAsset",
      "defaultNetwork",
      "redirectUrl",
      "sessionToken",
    ]);
    assert.equal(url.searchParams.get("defaultAsset"), "USDC");
    assert.equal(url.searchParams.get("defaultNetwork"), "base");
    for (const absent of [
      "presetFiatAmount",
      "presetCryptoAmount",
      "fiatCurrency",
      "defaultPaymentMethod",
      "defaultExperience",
      "partnerUserId",
    ]) {
      assert.equal(url.searchParams.has(absent), false, absent);
    }
    assert.ok(!buildBuyUrl(PAY, TOKEN, minimalBuy).includes("undefined"));
  });

  test("every optional parameter maps to its Coinbase name", () => {
    const url = new URL(
      buildBuyUrl(PAY, TOKEN, {
        ...minimalBuy,
        fiatAmount: "25.50",
        fiatCurrency: "EUR",
        paymentMethod: "CARD",
        experience: "send",
        partnerUserRef: "user-123",
      }),
    );
    assert.equal(url.searchParams.get("presetFiatAmount"), "25.50");
    assert.equal(url.searchParams.get("fiatCurrency"), "EUR");
    assert.equal(url.searchParams.get("defaultPaymentMethod"), "CARD");
    assert.equal(url.searchParams.get("defaultExperience"), "send");
    assert.equal(url.searchParams.get("partnerUserId"), "user-123");
    assert.equal(url.searchParams.has("presetCryptoAmount"), false);
  });

  test("a crypto amount alone becomes presetCryptoAmount", () => {
    const url = new URL(buildBuyUrl(PAY, TOKEN, { ...minimalBuy, cryptoAmount: "0.015" }));
    assert.equal(url.searchParams.get("presetCryptoAmount"), "0.015");
    assert.equal(url.searchParams.has("presetFiatAmount"), false);
  });

  test("never both presets: crypto wins when both are passed", () => {
    const url = new URL(
      buildBuyUrl(PAY, TOKEN, { ...minimalBuy, fiatAmount: "100", cryptoAmount: "0.5" }),
    );
    assert.equal(url.searchParams.get("presetCryptoAmount"), "0.5");
    assert.equal(url.searchParams.has("presetFiatAmount"), false);
  });

  test("redirectUrl is encoded and round-trips exactly", () => {
    const raw = buildBuyUrl(PAY, TOKEN, { ...minimalBuy, redirectUrl: REDIRECT });
    const url = new URL(raw);
    assert.equal(url.searchParams.get("redirectUrl"), REDIRECT);
    // Its own query and fragment must not leak into the outer URL.
    assert.equal(url.hash, "");
    assert.equal(url.searchParams.has("order"), false);
    assert.equal(url.searchParams.has("note"), false);
    assert.ok(!raw.includes("&order="), raw);
    assert.ok(
      raw.includes("redirectUrl=https%3A%2F%2Fpartner.example%2Fdone%3Forder%3D42%26"),
      raw,
    );
  });

  test("a base URL with a path prefix keeps it", () => {
    const url = new URL(buildBuyUrl("http://localhost:3000/sandbox/pay", TOKEN, minimalBuy));
    assert.equal(url.origin, "http://localhost:3000");
    assert.equal(url.pathname, "/sandbox/pay/buy/select-asset");
    assert.equal(url.searchParams.get("sessionToken"), TOKEN);
  });

  test("a session token with URL-special characters is encoded", () => {
    const token = "a+b/c=d&e";
    const url = new URL(buildBuyUrl(PAY, token, minimalBuy));
    assert.equal(url.searchParams.get("sessionToken"), token);
  });
});

describe("buildSellUrl", () => {
  test("path is /v3/sell/input and sessionToken comes first", () => {
    const url = new URL(buildSellUrl(PAY, TOKEN, minimalSell));
    assert.equal(url.origin, PAY);
    assert.equal(url.pathname, "/v3/sell/input");
    assert.equal([...url.searchParams.keys()][0], "sessionToken");
    assert.equal(url.searchParams.get("sessionToken"), TOKEN);
  });

  test("carries the user reference as both partnerUserId and partnerUserRef", () => {
    const url = new URL(buildSellUrl(PAY, TOKEN, minimalSell));
    assert.equal(url.searchParams.get("partnerUserId"), "user-123");
    assert.equal(url.searchParams.get("partnerUserRef"), "user-123");
  });

  test("only the parameters that were set appear", () => {
    const url = new URL(buildSellUrl(PAY, TOKEN, minimalSell));
    assert.deepEqual([...url.searchParams.keys()].sort(), [
      "defaultAsset",
      "defaultNetwork",
      "partnerUserId",
      "partnerUserRef",
      "redirectUrl",
      "sessionToken",
    ]);
    assert.equal(url.searchParams.get("defaultAsset"), "USDC");
    assert.equal(url.searchParams.get("defaultNetwork"), "base");
    assert.ok(!buildSellUrl(PAY, TOKEN, minimalSell).includes("undefined"));
  });

  test("every optional parameter maps to its Coinbase name", () => {
    const url = new URL(
      buildSellUrl(PAY, TOKEN, {
        ...minimalSell,
        fiatAmount: "40",
        fiatCurrency: "GBP",
        cashoutMethod: "PAYPAL",
      }),
    );
    assert.equal(url.searchParams.get("presetFiatAmount"), "40");
    assert.equal(url.searchParams.get("fiatCurrency"), "GBP");
    assert.equal(url.searchParams.get("defaultCashoutMethod"), "PAYPAL");
    assert.equal(url.searchParams.has("presetCryptoAmount"), false);
  });

  test("a crypto amount alone becomes presetCryptoAmount", () => {
    const url = new URL(buildSellUrl(PAY, TOKEN, { ...minimalSell, cryptoAmount: "1.25" }));
    assert.equal(url.searchParams.get("presetCryptoAmount"), "1.25");
    assert.equal(url.searchParams.has("presetFiatAmount"), false);
  });

  test("never both presets: crypto wins when both are passed", () => {
    const url = new URL(
      buildSellUrl(PAY, TOKEN, { ...minimalSell, fiatAmount: "100", cryptoAmount: "0.5" }),
    );
    assert.equal(url.searchParams.get("presetCryptoAmount"), "0.5");
    assert.equal(url.searchParams.has("presetFiatAmount"), false);
  });

  test("redirectUrl is encoded and round-trips exactly", () => {
    const raw = buildSellUrl(PAY, TOKEN, { ...minimalSell, redirectUrl: REDIRECT });
    const url = new URL(raw);
    assert.equal(url.searchParams.get("redirectUrl"), REDIRECT);
    assert.equal(url.hash, "");
    assert.equal(url.searchParams.has("order"), false);
    assert.ok(!raw.includes("&order="), raw);
  });

  test("a base URL with a path prefix keeps it", () => {
    const url = new URL(buildSellUrl("http://localhost:3000/sandbox/pay", TOKEN, minimalSell));
    assert.equal(url.origin, "http://localhost:3000");
    assert.equal(url.pathname, "/sandbox/pay/v3/sell/input");
  });
});
