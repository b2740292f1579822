import { after, test, describe } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { buildBuyUrl } from "../../lib/ramp/buy-url";
import { buildSellUrl } from "../../lib/ramp/sell-url";
import { parseConfig } from "../../lib/config/env";
import { AppError, isAppError, type ErrorCode } from "../../lib/http/app-error";
import { readJsonBody } from "../../lib/http/read-json";
import { dropProcessSingleton, processSingleton } from "../../lib/process/singleton";
import {
  createHandoff,
  handoffFailure,
  peekHandoff,
  redeemHandoff,
  revokeHandoff,
  tryAgainPath,
} from "../../lib/ramp/handoff";
import { endPhoneLinks } from "../../lib/ramp/handoff-sign-out";
import { handoffState, markLinkOpened } from "../../lib/ramp/handoff-status";
import { MemoryStore } from "../../lib/store/memory-store";
import { storeUnavailable } from "../../lib/store/store-unavailable";
import { unseal } from "../../lib/security/sealed-cookie";
import { getStore } from "../../lib/store/get-store";
import { resolveRedirectUrl } from "../../lib/ramp/redirect-url";
import {
  completionHref,
  leadWith,
  linkedOrder,
  orderOf,
  returnToOrder,
} from "../../lib/ramp/return-order";
import type { RampTransaction } from "../../lib/ramp/transactions";
import { OnrampRequestSchema, type OnrampRequest } from "../../lib/ramp/schemas";
import { captureOutput } from "../support/capture-output";

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
      "partnerUserRef",
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
    // Under both names Coinbase's docs give it (SPEC §3's, and the current docs').
    assert.equal(url.searchParams.get("partnerUserId"), "user-123");
    assert.equal(url.searchParams.get("partnerUserRef"), "user-123");
    assert.equal(url.searchParams.has("presetCryptoAmount"), false);
  });

  test("a crypto amount alone becomes presetCryptoAmount", () => {
    const url = new URL(buildBuyUrl(PAY, TOKEN, { ...minimalBuy, cryptoAmount: "0.015" }));
    assert.equal(url.searchParams.get("presetCryptoAmount"), "0.015");
    assert.equal(url.searchParams.has("presetFiatAmount"), false);
  });

  test("a fiat amount without a currency goes with USD, the currency its limits were checked in", () => {
    for (const url of [
      new URL(buildBuyUrl(PAY, TOKEN, { ...minimalBuy, fiatAmount: "40" })),
      new URL(buildSellUrl(PAY, TOKEN, { ...minimalSell, fiatAmount: "40" })),
    ]) {
      assert.equal(url.searchParams.get("presetFiatAmount"), "40");
      assert.equal(url.searchParams.get("fiatCurrency"), "USD");
    }
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

describe("redirectUrl as forwarded to Coinbase", () => {
  /** The app's config for one test: APP_URL https://app plus `allowed` redirect origins. */
  function configure(allowed: string) {
    dropProcessSingleton("config");
    processSingleton("config", () =>
      parseConfig({ APP_URL: "https://app", ALLOWED_REDIRECT_ORIGINS: allowed }),
    );
  }
  after(() => dropProcessSingleton("config"));

  /** What a POST /api/onramp with this redirectUrl forwards: the pay URL's redirectUrl, or the 400. */
  async function forwarded(redirectUrl: string): Promise<{ url: string } | { refused: string }> {
    const request = new Request("https://app/api/onramp", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        address: "0x52908400098527886E0F7030069857D2E4169EE7",
        ...minimalBuy,
        redirectUrl,
      }),
    });
    try {
      const input = await readJsonBody(request, OnrampRequestSchema);
      const resolved = resolveRedirectUrl(input.redirectUrl, "/buy/complete");
      const payUrl = new URL(buildBuyUrl(PAY, TOKEN, { ...input, redirectUrl: resolved }));
      return { url: payUrl.searchParams.get("redirectUrl")! };
    } catch (error) {
      if (isAppError(error) && error.code === "invalid_request" && error.status === 400)
        return { refused: error.message };
      throw error;
    }
  }

  /** The rule: refused, or exactly the parsed URL with an allowed origin. */
  async function assertForwardedSafely(input: string, allowedOrigins: string[]) {
    const result = await forwarded(input);
    if ("refused" in result) return result;
    assert.equal(result.url, new URL(input).href, JSON.stringify(input));
    assert.ok(allowedOrigins.includes(new URL(result.url).origin), JSON.stringify(input));
    return result;
  }

  const TRICKY = [
    "https://app\\@evil.example/x",
    "https://app\\@evil.example/x".replace("\\", "/"),
    "https://app@evil.example/x",
    "https://evil.example\\@app/x",
    "https://ap\tp/done",
    "https://app/do\nne",
    "https://app/\r\ndone",
    " https://app/done",
    "https://app/done\n",
    "http://2130706433/",
    "http://0x7f.1/",
    "https://app.:443/done",
    "HTTPS://APP/done",
    "https://user:pass@app/done",
  ];

  test("each tricky redirectUrl is refused, or forwarded as parsed with an allowed origin", async () => {
    for (const allowed of [["https://app"], ["https://app", "http://127.0.0.1"]]) {
      configure(allowed.slice(1).join(","));
      for (const input of TRICKY) await assertForwardedSafely(input, allowed);
    }
  });

  test("https://app\\@evil.example never reaches evil.example unless it is allowed", async () => {
    configure("");
    for (const input of ["https://app\\@evil.example/x", "https://app@evil.example/x"]) {
      const result = await forwarded(input);
      assert.ok(
        "refused" in result || new URL(result.url).hostname !== "evil.example",
        JSON.stringify(result),
      );
    }
    // Read as userinfo, the host is evil.example: refused unless the operator allows it.
    assert.ok("refused" in (await forwarded("https://app@evil.example/x")));
  });

  test("numeric and mixed-case hosts go out in their parsed form", async () => {
    configure("http://127.0.0.1");
    // The schema lets these through; the origin check and what is forwarded use the parsed URL.
    assert.deepEqual(await forwarded("http://2130706433/done"), { url: "http://127.0.0.1/done" });
    assert.deepEqual(await forwarded("HTTPS://APP/Done"), { url: "https://app/Done" });
    configure("");
    assert.ok("refused" in (await forwarded("http://2130706433/done")));
  });

  test("plain URLs still pass, and no redirectUrl means the app's completion page", async () => {
    configure("https://partner.example");
    assert.deepEqual(await forwarded("https://partner.example/done?order=42#x"), {
      url: "https://partner.example/done?order=42#x",
    });
    assert.equal(resolveRedirectUrl(undefined, "/buy/complete"), "https://app/buy/complete");
  });

  test("property: whatever is typed, the forwarded URL is the parsed one on an allowed origin", async () => {
    const allowed = ["https://app", "https://partner.example"];
    configure("https://partner.example");
    const start = fc.constantFrom(
      "https://app",
      "https://partner.example",
      "HTTPS://APP",
      "https:",
    );
    const piece = fc.constantFrom(
      ...["app", "evil.example", "partner.example", "2130706433", "user:pw@", "443", "%2F"],
      ...["\\", "/", "@", ":", ".", "#", "?", "\t", "\n", " ", "%40"],
    );
    let forwardedCount = 0;
    await fc.assert(
      fc.asyncProperty(start, fc.array(piece, { maxLength: 6 }), async (head, pieces) => {
        const result = await assertForwardedSafely(head + pieces.join(""), allowed);
        if ("url" in result) forwardedCount++;
      }),
      { numRuns: 500 },
    );
    assert.ok(forwardedCount > 50, `only ${forwardedCount} of 500 were forwarded`);
  });
});

describe("a phone link that could not be opened (lib/ramp/handoff.ts)", () => {
  const reasonOf = (code: ErrorCode) => {
    const result = handoffFailure(new AppError(code, "x"));
    return result.ok ? "ok" : result.reason;
  };
  test("says to open it again only when that can work: an outage, a timeout, a rate limit", () => {
    for (const code of ["upstream_error", "upstream_busy", "upstream_timeout"] as const)
      assert.equal(reasonOf(code), "retry", code);
    // This app's own limits and faults are not said to be Coinbase's.
    assert.equal(reasonOf("rate_limited"), "busy");
    for (const code of ["internal_error", "store_unavailable"] as const)
      assert.equal(reasonOf(code), "failed", code);
    for (const reason of ["retry", "busy", "failed", "unavailable"])
      assert.equal(
        tryAgainPath(reason, "AAAAAAAAAAAAAAAAAAAAAA"),
        "/handoff/AAAAAAAAAAAAAAAAAAAAAA",
      );
  });
  test("says to start again when a check refused it: Coinbase's, the key's, or the app's own", () => {
    for (const code of [
      "upstream_rejected",
      "upstream_auth",
      "invalid_request",
      "forbidden_origin",
    ] as const)
      assert.equal(reasonOf(code), "refused", code);
  });

  test("anything else (a bug, a database error of another kind) still gets the phone a page", () => {
    const result = handoffFailure(new Error("boom"));
    assert.deepEqual(result, { ok: false, reason: "failed" });
  });

  // What a phone link is made for in these tests.
  const linkRequest: OnrampRequest = {
    asset: "USDC",
    network: "base",
    address: "0x52908400098527886E0F7030069857D2E4169EE7",
    fiatAmount: "50",
    fiatCurrency: "USD",
  };

  test("a link keeps no quote, and looking at it (the page that asks first) does not use it up", async () => {
    const request: OnrampRequest = { ...linkRequest, quoteId: "q-1" };
    const { url } = await createHandoff("buy", request, "user-1");
    const id = url.split("/h/")[1]!;
    const sealed = await unseal("handoff", (await getStore().get(`handoff:${id}`))!);
    assert.equal((sealed!.request as Record<string, unknown>).quoteId, undefined);
    assert.equal((sealed!.request as Record<string, unknown>).fiatAmount, "50");
    for (let i = 0; i < 2; i++) {
      const peeked = await peekHandoff(id);
      assert.ok(peeked.ok);
      assert.deepEqual(
        [peeked.summary.side, peeked.summary.asset, peeked.summary.fiatAmount],
        ["buy", "USDC", "50"],
      );
    }
    assert.equal(await getStore().get(`handoff:used:${id}`), null, "not used up");
    await getStore().set(`handoff:used:${id}`, "1", 60_000);
    // Used (most often by the phone itself, Back from Coinbase): its side, to follow the order.
    assert.deepEqual(await peekHandoff(id), { ok: false, reason: "used", side: "buy" });
    assert.deepEqual(await peekHandoff("not-a-link"), { ok: false, reason: "unknown" });
  });

  test("a link revoked by its user (the form changed) opens nothing; once opened, it is too late", async () => {
    const request = linkRequest;
    const revoked = await createHandoff("buy", request, "user-1");
    // Only the link's own user may revoke it: another's is not found.
    await assert.rejects(revokeHandoff(revoked.statusId, "user-2"), /no such phone link/);
    assert.equal(await revokeHandoff(revoked.statusId, "user-1"), "revoked");
    assert.equal(await revokeHandoff(revoked.statusId, "user-1"), "revoked", "idempotent");
    const id = revoked.url.split("/h/")[1]!;
    assert.deepEqual(await peekHandoff(id), { ok: false, reason: "replaced", side: "buy" });
    assert.deepEqual(await redeemHandoff(id), { ok: false, reason: "replaced" });

    // The phone first: the link's use is marked (as a claim does), and revoking it says so.
    const opened = await createHandoff("buy", request, "user-1");
    await getStore().set(`handoff:used:${opened.url.split("/h/")[1]!}`, "1", 60_000);
    assert.equal(await revokeHandoff(opened.statusId, "user-1"), "opened");
  });

  test("revoked as the computer went on to Coinbase with it: the phone is told that, not that it was replaced", async () => {
    const made = await createHandoff("buy", linkRequest, "user-1");
    const id = made.url.split("/h/")[1]!;
    assert.equal(await revokeHandoff(made.statusId, "user-1", "continued"), "revoked");
    assert.deepEqual(await peekHandoff(id), { ok: false, reason: "continued", side: "buy" });
    assert.deepEqual(await redeemHandoff(id), { ok: false, reason: "continued" });
    // Revoked either way for the computer asking, and again (the form changing after) too.
    assert.equal(await handoffState(made.statusId, "user-1"), "revoked");
    assert.equal(await revokeHandoff(made.statusId, "user-1"), "revoked");
    assert.deepEqual(await peekHandoff(id), { ok: false, reason: "continued", side: "buy" });
  });

  test("its user signing out ends the links they made, not later ones nor another user's", async () => {
    const before = await createHandoff("buy", linkRequest, "user-out");
    const others = await createHandoff("buy", linkRequest, "user-stays");
    await endPhoneLinks("user-out");
    // Signing in again takes longer than a millisecond: a link made within the same one is ended.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const after = await createHandoff("buy", linkRequest, "user-out");
    const idOf = (made: { url: string }) => made.url.split("/h/")[1]!;
    assert.deepEqual(await peekHandoff(idOf(before)), { ok: false, reason: "ended" });
    assert.deepEqual(await redeemHandoff(idOf(before)), { ok: false, reason: "ended" });
    assert.equal((await peekHandoff(idOf(others))).ok, true, "another user's still works");
    assert.equal(
      (await peekHandoff(idOf(after))).ok,
      true,
      "one made after signing in again works",
    );
  });

  test("signing out with the store down still signs out (its links cannot be ended then)", async () => {
    class StoreDown extends MemoryStore {
      override async set(): Promise<void> {
        throw storeUnavailable();
      }
    }
    dropProcessSingleton("shared-store");
    processSingleton("shared-store", () => new StoreDown());
    try {
      const logged = await captureOutput(() => endPhoneLinks("user-out"));
      assert.match(logged, /handoff_sign_out_unmarked/);
    } finally {
      dropProcessSingleton("shared-store");
    }
  });

  test("revoked while the phone's mint is under way: should that mint fail, the link opens nothing after, and reads as revoked", async () => {
    for (const why of ["changed", "continued"] as const) {
      const made = await createHandoff("buy", linkRequest, "user-1");
      const id = made.url.split("/h/")[1]!;
      // The phone pressed "Continue" (its claim taken, as claimLink takes it), Coinbase has not
      // answered yet, and the form on the computer changes: too late to say "revoked".
      await getStore().set(`handoff:used:${id}`, "1", 60_000);
      assert.equal(await revokeHandoff(made.statusId, "user-1", why), "opened");
      // Meanwhile the mint may yet open it.
      assert.equal(await handoffState(made.statusId, "user-1"), "waiting", why);
      // The mint fails, and redeemHandoff gives the claim back for another try.
      await getStore().delete(`handoff:used:${id}`);
      assert.equal(await handoffState(made.statusId, "user-1"), "revoked", why);
      assert.equal(await handoffState(made.statusId, null), "revoked", `${why}, to a server`);
      // The phone is told why, as for a link revoked before it was claimed.
      const reason = why === "changed" ? "replaced" : "continued";
      assert.deepEqual(await peekHandoff(id), { ok: false, reason }, why);
      assert.deepEqual(await redeemHandoff(id), { ok: false, reason }, why);
    }
  });

  test("revoked as the computer went on while the phone's mint was under way: the form changing after, once that mint failed, still tells the phone it went on", async () => {
    const made = await createHandoff("buy", linkRequest, "user-1");
    const id = made.url.split("/h/")[1]!;
    await getStore().set(`handoff:used:${id}`, "1", 60_000);
    assert.equal(await revokeHandoff(made.statusId, "user-1", "continued"), "opened");
    // Back from Coinbase, the form changes while the mint is still under way: still too late.
    assert.equal(await revokeHandoff(made.statusId, "user-1"), "opened");
    // The mint fails and its claim is given back; the form changes again.
    await getStore().delete(`handoff:used:${id}`);
    assert.equal(await revokeHandoff(made.statusId, "user-1"), "revoked");
    assert.equal(await handoffState(made.statusId, "user-1"), "revoked");
    assert.deepEqual(await peekHandoff(id), { ok: false, reason: "continued" });
    assert.deepEqual(await redeemHandoff(id), { ok: false, reason: "continued" });
  });

  test("a link is not made for what its phone's mint would refuse: the refusal names the body's field", async () => {
    const refused = (path: string) => (error: unknown) =>
      isAppError(error) &&
      error.code === "invalid_request" &&
      error.options.issues?.[0]?.path === path;
    await assert.rejects(
      createHandoff(
        "buy",
        {
          asset: "USDC",
          network: "base",
          address: "0x52908400098527886E0F7030069857D2E4169EE7",
          redirectUrl: "https://not-listed.example/x",
        },
        "user-1",
      ),
      refused("request.redirectUrl"),
    );
  });

  test("the computer showing the code asks by a status id, of its own user's links only", async () => {
    const { url, statusId } = await createHandoff(
      "sell",
      { asset: "USDC", network: "base", address: "0x52908400098527886E0F7030069857D2E4169EE7" },
      "user-1",
    );
    const id = url.split("/h/")[1]!;
    // The status id cannot open the link: it is not the link's id, nor found in the store's keys.
    assert.notEqual(statusId, id);
    assert.equal(await getStore().get(`handoff:${statusId}`), null);
    assert.equal(await handoffState(statusId, "user-1"), "waiting");
    assert.equal(await handoffState(statusId, null), "waiting", "a partner's server may ask");
    const notFound = (error: unknown) => isAppError(error) && error.code === "not_found";
    await assert.rejects(handoffState(statusId, "user-2"), notFound);
    await assert.rejects(handoffState("not a status id", "user-1"), notFound);
    // The store holds who it is for as a hash only.
    const held = (await getStore().get(`handoff:status:${statusId}`))!;
    assert.ok(!held.includes("user-1"), held);
    await getStore().delete(`handoff:status:${statusId}`);
    assert.equal(await handoffState(statusId, "user-1"), "expired");
  });
});

describe("whether a phone link was opened, for the computer showing it (lib/ramp/handoff-status.ts)", () => {
  const request: OnrampRequest = {
    asset: "USDC",
    network: "base",
    address: "0x52908400098527886E0F7030069857D2E4169EE7",
    fiatAmount: "50",
  };

  test("opened once marked so (on a mint: the e2e tests open links)", async () => {
    const { url, statusId } = await createHandoff("buy", request, "user-1");
    await markLinkOpened(url.split("/h/")[1]!, "user-1", Date.now(), 60_000);
    assert.equal(await handoffState(statusId, "user-1"), "opened");
  });

  test("revoked by its user: asking says so, as revoking answered, not that it waits for the phone", async () => {
    const { statusId } = await createHandoff("buy", request, "user-1");
    assert.equal(await revokeHandoff(statusId, "user-1"), "revoked");
    assert.equal(await handoffState(statusId, "user-1"), "revoked");
    assert.equal(await handoffState(statusId, null), "revoked", "to a partner's server too");
  });

  test("ended by its user signing out: revoked, as the phone is refused it; a link claimed before goes on", async () => {
    const ended = await createHandoff("buy", request, "user-leaves");
    const claimed = await createHandoff("buy", request, "user-leaves");
    const others = await createHandoff("buy", request, "user-stays");
    // The phone claimed this one before the sign-out: its mint goes on, and may yet open it.
    await getStore().set(`handoff:used:${claimed.url.split("/h/")[1]!}`, "1", 60_000);
    assert.equal(await handoffState(ended.statusId, "user-leaves"), "waiting");
    await endPhoneLinks("user-leaves");
    // Signing in again takes longer than a millisecond: a link made within the same one is ended.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const after = await createHandoff("buy", request, "user-leaves");

    assert.equal(await handoffState(ended.statusId, "user-leaves"), "revoked", "signed in again");
    assert.equal(await handoffState(ended.statusId, null), "revoked", "to a partner's server");
    assert.equal(await handoffState(claimed.statusId, "user-leaves"), "waiting");
    assert.equal(await handoffState(after.statusId, "user-leaves"), "waiting", "made after");
    assert.equal(await handoffState(others.statusId, "user-stays"), "waiting", "another user's");
  });

  test("still waiting while its token is minted, and when the mint failed (the phone may open it again)", async () => {
    // Coinbase cannot be reached: APP_URL names a closed port, and the sandbox lives there.
    const appUrl = process.env.APP_URL;
    process.env.APP_URL = "http://127.0.0.1:9";
    dropProcessSingleton("config");
    try {
      const { url, statusId } = await createHandoff("buy", request, "user-1");
      const id = url.split("/h/")[1]!;
      // Claimed, its token not minted yet (a mint can take seconds): not opened.
      await getStore().set(`handoff:used:${id}`, "1", 60_000);
      assert.equal(await handoffState(statusId, "user-1"), "waiting");
      await getStore().delete(`handoff:used:${id}`);
      await assert.rejects(redeemHandoff(id), isAppError);
      assert.equal(await handoffState(statusId, "user-1"), "waiting");
    } finally {
      if (appUrl === undefined) delete process.env.APP_URL;
      else process.env.APP_URL = appUrl;
      dropProcessSingleton("config");
    }
  });
});

describe("a phone link whose mint failed while the store went down (lib/ramp/handoff.ts)", () => {
  test("says the link can no longer be opened, not to open it again", async () => {
    // A store that loses its connection before the link can be released again.
    class FailingRelease extends MemoryStore {
      override async delete(): Promise<void> {
        throw storeUnavailable();
      }
    }
    dropProcessSingleton("shared-store");
    processSingleton("shared-store", () => new FailingRelease());
    // Coinbase cannot be reached: APP_URL names a closed port, and the sandbox lives there.
    const appUrl = process.env.APP_URL;
    process.env.APP_URL = "http://127.0.0.1:9";
    dropProcessSingleton("config");
    try {
      const { url } = await createHandoff(
        "sell",
        { asset: "USDC", network: "base", address: "0x52908400098527886E0F7030069857D2E4169EE7" },
        "user-1",
      );
      const id = url.split("/h/")[1]!;
      assert.deepEqual(await redeemHandoff(id), { ok: false, reason: "lost" });
      assert.deepEqual(await redeemHandoff(id), { ok: false, reason: "used" });
      // The link itself run out: its claim still says the phone followed a sale, not a purchase.
      await MemoryStore.prototype.delete.call(getStore(), `handoff:${id}`);
      assert.deepEqual(await peekHandoff(id), { ok: false, reason: "used", side: "sell" });
    } finally {
      if (appUrl === undefined) delete process.env.APP_URL;
      else process.env.APP_URL = appUrl;
      dropProcessSingleton("config");
      dropProcessSingleton("shared-store");
    }
  });
});

describe("the way back from Coinbase names its own order (lib/ramp/return-order.ts)", () => {
  const APP = "https://app";
  const ROW = "0b6a3c9e-54f1-4f5e-9d7a-2f1e8c4b7a10";

  test("a page's link to an order's receipt is the completion page of its side, led by it", () => {
    assert.equal(completionHref("buy", ROW), `/buy/complete?order=${ROW}`);
    assert.equal(completionHref("sell", ROW), `/sell/complete?order=${ROW}`);
    assert.equal(completionHref("sell"), "/sell/complete");
  });

  test("the app's completion page gets order=<row id>, in its parsed form", () => {
    assert.equal(
      returnToOrder(`${APP}/buy/complete`, APP, "buy", ROW),
      `${APP}/buy/complete?order=${ROW}`,
    );
    assert.equal(
      returnToOrder(`${APP}/sell/complete`, APP, "sell", ROW),
      `${APP}/sell/complete?order=${ROW}`,
    );
    // Typed oddly by a partner server, but the app's page once parsed.
    assert.equal(
      returnToOrder("HTTPS://APP/buy/complete", APP, "buy", ROW),
      `${APP}/buy/complete?order=${ROW}`,
    );
  });

  test("a query already there is kept, and the result is its own parsed form", () => {
    const back = returnToOrder(`${APP}/buy/complete?from=mail&note=a b#top`, APP, "buy", ROW);
    const url = new URL(back);
    assert.equal(back, url.href);
    assert.deepEqual(
      [...url.searchParams],
      [
        ["from", "mail"],
        ["note", "a b"],
        ["order", ROW],
      ],
    );
    assert.equal(url.hash, "#top");
    // One order only, the one just started, whatever the URL named before.
    const renamed = new URL(returnToOrder(`${APP}/buy/complete?order=old`, APP, "buy", ROW));
    assert.deepEqual(renamed.searchParams.getAll("order"), [ROW]);
  });

  test("any other page (a partner's, or the other side's) is forwarded as parsed, untouched", () => {
    for (const [redirect, side] of [
      ["https://partner.example/done?order=42&note=a%20b", "buy"],
      ["https://partner.example/buy/complete", "buy"],
      [`${APP}/sell/complete`, "buy"],
      [`${APP}/buy/complete/extra`, "buy"],
    ] as const) {
      assert.equal(returnToOrder(redirect, APP, side, ROW), new URL(redirect).href, redirect);
    }
  });

  test("the pay URL carries it: Coinbase gets back exactly the completion page of this order", () => {
    const back = returnToOrder(`${APP}/buy/complete`, APP, "buy", ROW);
    const payUrl = new URL(buildBuyUrl(PAY, TOKEN, { ...minimalBuy, redirectUrl: back }));
    assert.equal(payUrl.searchParams.get("redirectUrl"), `${APP}/buy/complete?order=${ROW}`);
    const sellUrl = new URL(
      buildSellUrl(PAY, TOKEN, {
        ...minimalSell,
        redirectUrl: returnToOrder(`${APP}/sell/complete`, APP, "sell", ROW),
      }),
    );
    assert.equal(sellUrl.searchParams.get("redirectUrl"), `${APP}/sell/complete?order=${ROW}`);
  });

  test("the completion page reads the order, and leads with it only when it is the reader's", () => {
    assert.equal(orderOf({ order: ROW }), ROW);
    assert.equal(orderOf({ order: [ROW, "x"] }), ROW);
    for (const odd of [undefined, "", "a b", "<script>", "x".repeat(65)])
      assert.equal(orderOf({ order: odd }), undefined, String(odd));
    // A link that names an order past reading says so; one opened from a list shows at once.
    assert.deepEqual(linkedOrder({ order: "<script>" }), {
      order: undefined,
      orderNamed: true,
      fromList: false,
    });
    assert.deepEqual(linkedOrder({ order: `${ROW}).`, from: "list" }), {
      order: ROW,
      orderNamed: true,
      fromList: true,
    });
    assert.equal(linkedOrder({}).orderNamed, false);

    const row = (id: string) => ({ id }) as RampTransaction;
    const newestFirst = [row("c"), row("b"), row("a")];
    assert.deepEqual(
      leadWith(newestFirst, "b").map((t) => t.id),
      ["b", "c", "a"],
    );
    // Someone else's id, or none: newest first, as without the parameter.
    assert.deepEqual(
      leadWith(newestFirst, "not-mine").map((t) => t.id),
      ["c", "b", "a"],
    );
    assert.deepEqual(
      leadWith(newestFirst, undefined).map((t) => t.id),
      ["c", "b", "a"],
    );
  });
});
