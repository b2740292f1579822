import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { platformError } from "../../lib/cdp/platform-errors";
import type { GuestProfileRow } from "../../lib/db/schema";
import { feesText } from "../../lib/guest/order-fees";
import { guestState, verificationRunOut } from "../../lib/guest/guest-state";
import {
  canStillBuy,
  describeLimits,
  limitProblem,
  purchasesUsedUp,
  readLimits,
  type GuestLimits,
} from "../../lib/guest/limits";
import { limitRefusal } from "../../lib/guest/user-limits";
import { nextPaymentState, readPaymentMessage } from "../../lib/guest/payment-events";
import { toE164 } from "../../lib/guest/phone";
import { prefillOfOrder, readPrefill } from "../../lib/guest/prefill";
import type { OnrampOrder } from "../../lib/guest/onramp-api";
import { GuestOrderSchema, SendCodeSchema } from "../../lib/guest/schemas";
import { OrderBodySchema, orderRefusal } from "../../lib/sandbox/onramp/order-rules";
import { format } from "../../lib/sandbox/cdp/decimal";
import { limitsLeft } from "../../lib/sandbox/onramp/guest-limits";
import { commitPayment } from "../../lib/sandbox/onramp/payment-page";
import { createGuestOrder, declineOrder, payOrder } from "../../lib/sandbox/onramp/guest-orders";
import { afterPayment } from "../../lib/sandbox/onramp/after-payment";
import { orderExchangeRate } from "../../lib/sandbox/onramp/order-endpoints";
import { nextWatchDelay } from "../../lib/guest/watch-schedule";
import { assetPriceText } from "../../lib/guest/asset-price";
import { buyAgainHref, buyMoreHref } from "../../lib/guest/buy-again";
import { lastOrderShown, type LastOrder } from "../../lib/guest/last-order";
import { orderFailure } from "../../lib/guest/order-failure";
import { assertStillUnpaid } from "../../lib/guest/orders";
import type { RampTransactionRow } from "../../lib/db/schema";
import {
  NO_ORDER_PLACED,
  ORDER_ANSWER_LOST,
  ORDER_MAY_EXIST,
  failedOrderMessage,
} from "../../lib/guest/order-failure-text";
import { AppError } from "../../lib/http/app-error";
import { upstreamBusy, upstreamError, upstreamTimeout } from "../../lib/http/upstream-errors";

/** Captures the JSON log lines written while `fn` runs (warnings go to stderr). */
function logged<T>(fn: () => T): { value: T; lines: Record<string, unknown>[] } {
  const lines: string[] = [];
  const original = process.stderr.write;
  process.stderr.write = ((line: string) => lines.push(line) > 0) as typeof process.stderr.write;
  try {
    return { value: fn(), lines: lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
  } finally {
    process.stderr.write = original;
  }
}

const v2 = (errorType: string, errorMessage = "Coinbase says no.") => ({
  errorType,
  errorMessage,
  correlationId: "41deb8d59a9dc9a7-IAD",
});

describe("v2 error mapping (lib/cdp/platform-errors.ts)", () => {
  const cases: [number, string, string, RegExp][] = [
    [400, "guest_region_forbidden", "guest_region_forbidden", /only offered in the US/],
    [400, "guest_permission_denied", "guest_permission_denied", /Coinbase account/],
    [429, "guest_transaction_limit", "guest_transaction_limit", /7-day guest limit/],
    [429, "guest_transaction_count", "guest_transaction_count", /all your guest purchases/],
    [400, "phone_number_verification_expired", "phone_verification_expired", /60 days/],
    [400, "otp_verification_expired", "verification_expired", /verify/],
    [400, "otp_verification_invalid", "verification_invalid", /verify/],
    [400, "otp_verification_required", "verification_required", /verify/],
    [400, "otp_verification_destination_mismatch", "verification_mismatch", /verify/],
    [404, "otp_verification_not_found", "verification_not_found", /verify/],
    [400, "otp_verification_code_invalid", "invalid_code", /wrong or has expired/],
    [400, "network_not_tradable", "network_not_tradable", /another network/],
    [429, "rate_limit_exceeded", "upstream_busy", /try again shortly/],
    [401, "unauthorized", "upstream_auth", /refused the API key/],
    [403, "forbidden", "upstream_auth", /not enabled this app for this API/],
    [404, "not_found", "not_found", /not_found/],
    [400, "invalid_request", "upstream_rejected", /Coinbase says no/],
    [500, "internal_server_error", "upstream_error", /try again/],
  ];
  for (const [status, errorType, code, message] of cases) {
    test(`${status} ${errorType} → ${code}`, () => {
      const { value: error, lines } = logged(() =>
        platformError("/v2/onramp/orders", status, v2(errorType), null),
      );
      assert.equal(error.code, code);
      assert.match(error.message, message);
      assert.equal(lines[0]?.event, "cdp_platform_error");
      assert.equal(lines[0]?.correlationId, "41deb8d59a9dc9a7-IAD");
      assert.equal(lines[0]?.errorType, errorType);
    });
  }

  test("each guest error has a message of its own", () => {
    const types = cases.filter(([s]) => s < 500).map(([status, type]) => [status, type] as const);
    const messages = types.map(
      ([status, type]) => logged(() => platformError("/p", status, v2(type), null)).value.message,
    );
    assert.equal(new Set(messages.slice(0, 12)).size, 12);
  });

  test("a body that is not Coinbase's error shape falls back on the status", () => {
    const { value } = logged(() => platformError("/p", 400, "<html>", null));
    assert.equal(value.code, "upstream_rejected");
  });
});

describe("guest limits arithmetic (lib/guest/limits.ts)", () => {
  const limits = readLimits([
    { limitType: "weekly_spending", currency: "USD", limit: "500", remaining: "120" },
    { limitType: "lifetime_transactions", limit: "15", remaining: "9" },
  ]);

  test("shown as what is left of what", () => {
    assert.deepEqual(describeLimits(limits), [
      "$120.00 of $500.00 left in your 7-day limit",
      "9 of 15 guest purchases left",
    ]);
  });

  test("an amount up to what is left passes; above it is refused with the figure", () => {
    assert.equal(limitProblem(limits, "120"), null);
    assert.equal(limitProblem(limits, "120.00"), null);
    assert.equal(limitProblem(limits, "119.99"), null);
    assert.equal(
      limitProblem(limits, "120.01"),
      "You can spend at most $120.00 more for now (a 7-day limit)",
    );
    assert.equal(
      limitProblem(limits, "500"),
      "You can spend at most $120.00 more for now (a 7-day limit)",
    );
  });

  test("cents compare exactly", () => {
    const odd = readLimits([
      { limitType: "weekly_spending", currency: "USD", limit: "500", remaining: "0.3" },
    ]);
    assert.equal(limitProblem(odd, "0.30"), null);
    assert.match(limitProblem(odd, "0.31") ?? "", /at most \$0\.30 more/);
  });

  test("nothing left in your 7-day limit, or no purchases left: no purchase at all", () => {
    const spent = readLimits([
      { limitType: "weekly_spending", currency: "USD", limit: "500", remaining: "0" },
      { limitType: "lifetime_transactions", limit: "15", remaining: "3" },
    ]);
    assert.equal(canStillBuy(spent), false);
    assert.match(limitProblem(spent, "1") ?? "", /no guest spending left in your 7-day limit/);
    const counted = readLimits([
      { limitType: "lifetime_transactions", limit: "15", remaining: "0" },
    ]);
    assert.equal(canStillBuy(counted), false);
    assert.match(limitProblem(counted, "1") ?? "", /used all 15 guest purchases/);
    assert.equal(canStillBuy(limits), true);
  });

  test("only the lifetime count used up ends guest checkout for good", () => {
    const counted = readLimits([
      { limitType: "weekly_spending", currency: "USD", limit: "500", remaining: "500" },
      { limitType: "lifetime_transactions", limit: "15", remaining: "0" },
    ]);
    assert.match(purchasesUsedUp(counted) ?? "", /used all 15 guest purchases.*Coinbase account/);
    const weekSpent = readLimits([
      { limitType: "weekly_spending", currency: "USD", limit: "500", remaining: "0" },
      { limitType: "lifetime_transactions", limit: "15", remaining: "3" },
    ]);
    assert.equal(purchasesUsedUp(weekSpent), null);
    assert.equal(purchasesUsedUp(limits), null);
  });

  test("the server refuses with Coinbase's code: the count used up, or the week's amount", () => {
    const codeOf = (l: GuestLimits, amount: string) => {
      const refusal = limitRefusal(l, amount);
      return refusal && { code: refusal.code, status: refusal.status };
    };
    const counted = readLimits([
      { limitType: "weekly_spending", currency: "USD", limit: "500", remaining: "500" },
      { limitType: "lifetime_transactions", limit: "15", remaining: "0" },
    ]);
    assert.deepEqual(codeOf(counted, "5"), { code: "guest_transaction_count", status: 429 });
    assert.deepEqual(codeOf(limits, "120.01"), { code: "guest_transaction_limit", status: 429 });
    assert.equal(codeOf(limits, "120"), null);
  });

  test("an unknown limit type is ignored", () => {
    assert.deepEqual(readLimits([{ limitType: "daily_magic", limit: "1", remaining: "0" }]), {});
  });
});

describe("payment-link message filter (lib/guest/payment-events.ts)", () => {
  const frame = { name: "the iframe's window" };
  const expected = { origin: "https://pay.coinbase.com", source: frame };
  const message = (data: unknown, over: Partial<{ origin: string; source: unknown }> = {}) => ({
    origin: "https://pay.coinbase.com",
    source: frame,
    data,
    ...over,
  });
  const success = JSON.stringify({ eventName: "onramp_api.polling_success" });

  test("a documented event from the iframe's window and origin is read", () => {
    assert.deepEqual(readPaymentMessage(message(success), expected), {
      name: "onramp_api.polling_success",
    });
    const declined = JSON.stringify({
      eventName: "onramp_api.commit_error",
      data: { errorCode: "ERROR_CODE_CARD_DECLINED", errorMessage: "Card declined." },
    });
    assert.deepEqual(readPaymentMessage(message(declined), expected), {
      name: "onramp_api.commit_error",
      errorCode: "ERROR_CODE_CARD_DECLINED",
      errorMessage: "Card declined.",
    });
  });

  test("another origin is ignored, however close", () => {
    for (const origin of [
      "https://evil.example",
      "http://pay.coinbase.com",
      "https://pay.coinbase.com:8443",
      "https://pay.coinbase.com.evil.example",
      "null",
    ])
      assert.equal(readPaymentMessage(message(success, { origin }), expected), null, origin);
  });

  test("another window is ignored, even from the right origin", () => {
    assert.equal(readPaymentMessage(message(success, { source: {} }), expected), null);
    assert.equal(readPaymentMessage(message(success, { source: null }), expected), null);
    assert.equal(readPaymentMessage(message(success), { ...expected, source: null }), null);
  });

  test("data that is not a JSON string of the documented shape is ignored", () => {
    for (const data of [
      "not json",
      "{",
      JSON.stringify("onramp_api.polling_success"),
      JSON.stringify(null),
      JSON.stringify([1]),
      { eventName: "onramp_api.polling_success" },
      42,
      "x".repeat(5000),
    ])
      assert.equal(readPaymentMessage(message(data), expected), null, String(data).slice(0, 40));
  });

  test("unknown event names are ignored", () => {
    for (const eventName of ["onramp_api.hacked", "polling_success", "", 7, "__proto__"])
      assert.equal(
        readPaymentMessage(message(JSON.stringify({ eventName })), expected),
        null,
        String(eventName),
      );
  });

  test("each event becomes a state; failures carry Coinbase's message", () => {
    assert.deepEqual(nextPaymentState({ name: "onramp_api.load_pending" }), { kind: "loading" });
    assert.deepEqual(nextPaymentState({ name: "onramp_api.load_success" }), { kind: "ready" });
    assert.deepEqual(nextPaymentState({ name: "onramp_api.commit_success" }), { kind: "paying" });
    assert.deepEqual(nextPaymentState({ name: "onramp_api.polling_start" }), {
      kind: "processing",
    });
    assert.deepEqual(nextPaymentState({ name: "onramp_api.cancel" }), { kind: "cancelled" });
    assert.deepEqual(
      nextPaymentState({ name: "onramp_api.commit_error", errorMessage: "Card declined." }),
      { kind: "failed", message: "Card declined.", paymentRefused: true },
    );
    assert.equal(nextPaymentState({ name: "onramp_api.polling_error" }).kind, "unconfirmed");
  });

  test("a button that did not load is not a failed payment: nothing was paid, it may load again", () => {
    const notLoaded = { name: "onramp_api.load_error", errorMessage: "Could not load." } as const;
    assert.deepEqual(nextPaymentState(notLoaded), {
      kind: "load_failed",
      message: "Could not load.",
    });
    // Without a reason of Coinbase's, none is made up.
    assert.deepEqual(nextPaymentState({ name: "onramp_api.load_error" }), { kind: "load_failed" });
  });
});

describe("guest inputs", () => {
  test("phone numbers as people type them become E.164; a bare number is a US one", () => {
    assert.equal(toE164("(205) 555-0123"), "+12055550123");
    assert.equal(toE164("205.555.0123"), "+12055550123");
    assert.equal(toE164("1 205 555 0123"), "+12055550123");
    assert.equal(toE164("+44 7700 900123"), "+447700900123");
    for (const bad of ["", "555-0123", "(105) 555-0123", "+0 123", "call me", "+1 205 555 0123 x9"])
      assert.equal(toE164(bad), null, bad);
    assert.equal(SendCodeSchema.safeParse({ channel: "sms", phone: "nope" }).success, false);
  });

  test("only a US number (+1) is texted a code: guest checkout is for US users", () => {
    const uk = SendCodeSchema.safeParse({ channel: "sms", phone: "+44 7700 900123" });
    assert.ok(!uk.success);
    assert.match(uk.error.issues[0]!.message, /US mobile numbers \(\+1\) only/);
    const us = SendCodeSchema.safeParse({ channel: "sms", phone: "+1 205 555 0123" });
    assert.deepEqual(us.success && us.data, { channel: "sms", phone: "+12055550123" });
  });

  test("a +1 number outside the US is refused, naming its area code: Canada, the Caribbean", () => {
    const phoneIssue = (phone: string) => {
      const parsed = SendCodeSchema.safeParse({ channel: "sms", phone });
      return parsed.success ? null : parsed.error.issues[0]!;
    };
    for (const [phone, area] of [
      ["+1 876 555 0123", "876"], // Jamaica
      ["(416) 555-0123", "416"], // Toronto
      ["+1 604 555 0123", "604"], // Vancouver
      ["+1 809 555 0123", "809"], // Dominican Republic
      ["+1 441 555 0123", "441"], // Bermuda
    ]) {
      const issue = phoneIssue(phone!);
      assert.match(issue?.message ?? "", new RegExp(`Area code ${area} is outside the US`), phone);
      assert.deepEqual(issue?.path, ["phone"]);
    }
    // Not a NANP number: an area code or exchange starting 0 or 1, or a service code (N11).
    for (const phone of [
      "+1 105 555 0123",
      "+1 205 155 0123",
      "+1 911 555 0123",
      "+1 205 411 0123",
    ])
      assert.match(phoneIssue(phone)?.message ?? "", /not a valid US phone number/, phone);
    // US numbers, territories included.
    for (const phone of ["(205) 555-0123", "+1 415 212 0000", "+1 787 555 0123", "+1 340 555 0123"])
      assert.equal(phoneIssue(phone), null, phone);
  });

  test("a guest order names an asset its network carries and a matching address", () => {
    const order = {
      asset: "USDC",
      network: "base",
      address: "0x52908400098527886E0F7030069857D2E4169EE7",
      amount: "25",
      paymentMethod: "GUEST_CHECKOUT_APPLE_PAY",
    };
    assert.equal(GuestOrderSchema.safeParse(order).success, true);
    assert.equal(GuestOrderSchema.safeParse({ ...order, network: "bitcoin" }).success, false);
    assert.equal(GuestOrderSchema.safeParse({ ...order, paymentMethod: "CARD" }).success, false);
    assert.equal(GuestOrderSchema.safeParse({ ...order, amount: "0" }).success, false);
  });

  test("a bad hand-over query still opens a usable form", () => {
    assert.deepEqual(readPrefill({ asset: "NOPE", network: ["a", "b"], amount: "1e9" }), {
      asset: "USDC",
      network: "ethereum",
      address: "",
      amount: "",
    });
    assert.equal(readPrefill({ asset: "ETH", network: "base" }).network, "base");
  });

  test("an order bought again keeps its asset, whatever the case of its symbol (cbBTC)", () => {
    const order = {
      purchaseCurrency: "cbBTC",
      destinationNetwork: "base",
      paymentTotal: "20.00",
      destinationAddress: "0x52908400098527886E0F7030069857D2E4169EE7",
    } as OnrampOrder;
    assert.deepEqual(prefillOfOrder(order), {
      asset: "cbBTC",
      network: "base",
      address: "0x52908400098527886E0F7030069857D2E4169EE7",
      amount: "20.00",
    });
    assert.equal(prefillOfOrder({ ...order, purchaseCurrency: "CBBTC" }).asset, "cbBTC");
    assert.equal(readPrefill({ asset: "eth" }).asset, "ETH");
  });

  test("a link never names the wallet: anyone can write one", () => {
    const address = "0x52908400098527886E0F7030069857D2E4169EE7";
    assert.deepEqual(readPrefill({ asset: "ETH", network: "base", address, amount: "25" }), {
      asset: "ETH",
      network: "base",
      address: "",
      amount: "25",
    });
  });
});

describe("phone verification age (lib/guest/guest-state.ts)", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const profile = (verifiedAt: Date): GuestProfileRow => ({
    userId: "u1",
    phoneNumber: "+12055550123",
    phoneVerifiedAt: verifiedAt,
    phoneVerificationId: "onramp_verification_x",
    phoneVerificationExpiresAt: null,
    emailVerifiedAt: daysAgo(1),
    emailVerificationId: "onramp_verification_y",
    emailVerificationExpiresAt: null,
    agreementAcceptedAt: daysAgo(1),
    pendingPhoneNumber: null,
    pendingPhoneVerificationId: null,
    pendingEmailVerificationId: null,
    pendingPhoneCodeExpiresAt: null,
    pendingEmailCodeExpiresAt: null,
    updatedAt: now,
  });

  test("a code sent and not entered is waited for until Coinbase says it runs out, then asked for again", () => {
    const minutesFromNow = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    const sent = (expiresAt: Date | null): GuestProfileRow => ({
      ...profile(daysAgo(61)),
      pendingPhoneNumber: "+12055550199",
      pendingPhoneVerificationId: "onramp_verification_p",
      pendingPhoneCodeExpiresAt: expiresAt,
      pendingEmailVerificationId: "onramp_verification_e",
      pendingEmailCodeExpiresAt: expiresAt,
    });
    const waiting = guestState(sent(minutesFromNow(5)), now);
    assert.deepEqual([waiting.pendingSms, waiting.pendingEmail], ["+12055550199", true]);
    const ranOut = guestState(sent(minutesFromNow(-1)), now);
    assert.deepEqual([ranOut.pendingSms, ranOut.pendingEmail], [undefined, false]);
    // Sent before the end was kept: waited for, as before.
    assert.equal(guestState(sent(null), now).pendingSms, "+12055550199");
  });

  test("60 days old still counts; 61 days old must be verified again", () => {
    assert.equal(guestState(profile(daysAgo(60)), now).phone, "verified");
    assert.equal(guestState(profile(daysAgo(61)), now).phone, "expired");
    assert.equal(guestState(undefined, now).phone, "missing");
  });

  test("the email's verification runs out after 60 days too: asked again with the phone's", () => {
    const both = { ...profile(daysAgo(61)), emailVerifiedAt: daysAgo(61) };
    const state = guestState(both, now);
    assert.deepEqual([state.phone, state.emailVerified], ["expired", false]);
    const fresh = { ...profile(daysAgo(1)), emailVerifiedAt: daysAgo(60) };
    assert.equal(guestState(fresh, now).emailVerified, true);
  });
  test("a refused order asks again for what ran out: the phone alone, or the phone and the email", () => {
    assert.equal(verificationRunOut(guestState(profile(daysAgo(60)), now)), null);
    const phoneOnly = verificationRunOut(guestState(profile(daysAgo(61)), now));
    assert.deepEqual([phoneOnly?.code, phoneOnly?.status], ["phone_verification_expired", 400]);
    const both = { ...profile(daysAgo(61)), emailVerifiedAt: daysAgo(61) };
    const refusal = verificationRunOut(guestState(both, now));
    // Not the phone's code: the page would keep the email verified and ask for the phone twice.
    assert.deepEqual([refusal?.code, refusal?.status], ["verification_expired", 400]);
    assert.match(refusal!.message, /phone and email/);
  });
  test("the end Coinbase gave a verification wins over the 60 days counted here", () => {
    const daysAhead = (days: number) => daysAgo(-days);
    // Coinbase counts from its own moment: it may end a verification before our 60 days.
    const early = { ...profile(daysAgo(10)), phoneVerificationExpiresAt: daysAgo(0) };
    assert.equal(guestState(early, now).phone, "expired");
    const emailEnded = { ...profile(daysAgo(1)), emailVerificationExpiresAt: daysAgo(1) };
    assert.equal(guestState(emailEnded, now).emailVerified, false);
    const still = { ...profile(daysAgo(61)), phoneVerificationExpiresAt: daysAhead(1) };
    assert.equal(guestState(still, now).phone, "verified");
  });
});

describe("the sandbox's order rules (lib/sandbox/onramp/order-rules.ts)", () => {
  const now = Date.parse("2026-06-01T00:00:00Z");
  const body = {
    paymentCurrency: "USD",
    purchaseCurrency: "USDC",
    paymentMethod: "GUEST_CHECKOUT_APPLE_PAY" as const,
    destinationAddress: "0x52908400098527886E0F7030069857D2E4169EE7",
    destinationNetwork: "base",
    partnerUserRef: "user-1",
    paymentAmount: "50",
    email: "a@example.com",
    phoneNumber: "+12055550123",
    phoneNumberVerifiedAt: "2026-05-01T00:00:00Z",
    agreementAcceptedAt: "2026-05-01T00:00:00Z",
    domain: "localhost",
  };
  const typeOf = (over: Record<string, unknown>) =>
    orderRefusal({ ...body, ...over } as typeof body, now)?.errorType;

  test("limits count paid orders only: not ones waiting for payment, nor declined ones", () => {
    const phone = "+12055550199";
    const usd = (value: string) => ({ value, currency: "USD" });
    const order = (total: string) =>
      createGuestOrder({
        partnerUserRef: "user-1",
        phoneNumber: phone,
        paymentMethod: "GUEST_CHECKOUT_APPLE_PAY",
        asset: "USDC",
        network: "base",
        address: body.destinationAddress,
        domain: "localhost",
        figures: {
          payment_total: usd(total),
          payment_subtotal: usd(total),
          purchase_amount: { value: total, currency: "USDC" },
          coinbase_fee: usd("0"),
          network_fee: usd("0"),
        },
        exchangeRate: "1",
      });
    order("100"); // never paid
    declineOrder(order("50"));
    payOrder(order("30"));
    const left = limitsLeft(phone);
    assert.deepEqual([format(left.weekly, 2), left.purchases], ["470.00", 14]);

    // Two orders each placed within the 470 left, paid one after the other: the second would
    // go over the week's limit, so the pay page declines it, and nothing more is spent.
    const first = order("300");
    const second = order("300");
    assert.equal(commitPayment(first.sessionToken, "pay"), "ONRAMP_ORDER_STATUS_PROCESSING");
    assert.equal(commitPayment(second.sessionToken, "pay"), "ONRAMP_ORDER_STATUS_FAILED");
    assert.equal(format(limitsLeft(phone).weekly, 2), "170.00");
  });

  test("a locale is a BCP-47 tag, as the OpenAPI's pattern has it", () => {
    for (const locale of ["en", "es-ES", "pt-BR", "zh-Hant-TW"])
      assert.ok(OrderBodySchema.safeParse({ ...body, locale }).success, locale);
    for (const locale of ["en_US", "e", "english!", ""])
      assert.ok(!OrderBodySchema.safeParse({ ...body, locale }).success, locale);
  });

  test("each documented refusal, in Coinbase's order", () => {
    assert.equal(typeOf({ purchaseAmount: "1" }), "invalid_request");
    assert.equal(typeOf({ paymentAmount: undefined }), "invalid_request");
    assert.equal(typeOf({ email: undefined }), "invalid_request");
    assert.equal(typeOf({ domain: "https://localhost" }), "invalid_request");
    assert.equal(typeOf({ destinationNetwork: "bitcoin" }), "network_not_tradable");
    assert.equal(typeOf({ phoneNumber: "+447700900123" }), "guest_region_forbidden");
    // +1 is Canada's and the Caribbean's too: US users only.
    assert.equal(typeOf({ phoneNumber: "+14165550123" }), "guest_region_forbidden");
    assert.equal(typeOf({ phoneNumber: "+12055550100" }), "guest_permission_denied");
    assert.equal(
      typeOf({ phoneNumberVerifiedAt: "2026-03-31T23:59:59Z" }),
      "phone_number_verification_expired",
    );
    // Past every check of the order itself, the app's verifications are required.
    assert.equal(typeOf({}), "otp_verification_required");
    assert.equal(
      typeOf({ smsVerificationId: "onramp_verification_00000000-0000-0000-0000-000000000000" }),
      "otp_verification_not_found",
    );
  });
});

describe("what a paid sandbox order does next (lib/sandbox/onramp/after-payment.ts)", () => {
  test("completes in 3 s; a total ending in .41 takes 20 s; one ending in .42 fails after 20 s", () => {
    assert.deepEqual(afterPayment("25.00"), {
      status: "ONRAMP_ORDER_STATUS_COMPLETED",
      afterMs: 3000,
    });
    assert.deepEqual(afterPayment("141.00"), {
      status: "ONRAMP_ORDER_STATUS_COMPLETED",
      afterMs: 3000,
    });
    assert.deepEqual(afterPayment("16.41"), {
      status: "ONRAMP_ORDER_STATUS_COMPLETED",
      afterMs: 20_000,
    });
    assert.deepEqual(afterPayment("17.42"), {
      status: "ONRAMP_ORDER_STATUS_FAILED",
      afterMs: 20_000,
    });
  });
});

describe("how often an order is watched (lib/guest/watch-schedule.ts)", () => {
  test("5 s while it changes, half as long again each time it does not, up to 30 s", () => {
    const delays = [0, 1, 2, 3, 4, 5, 6, 20].map((unchanged) => nextWatchDelay(unchanged));
    assert.deepEqual(delays, [5000, 7500, 11250, 16875, 25313, 30000, 30000, 30000]);
  });

  test("a page left open on an order that does not move stays far below 60 look-ups a minute", () => {
    // The asks of one tab over ten minutes, each answer the same as the one before.
    const asks: number[] = [];
    let at = nextWatchDelay(0);
    for (let unchanged = 0; at < 10 * 60_000; unchanged += 1) {
      asks.push(at);
      at += nextWatchDelay(unchanged);
    }
    const perMinute = (from: number) => asks.filter((t) => t >= from && t < from + 60_000).length;
    assert.ok(perMinute(0) <= 6, `first minute: ${perMinute(0)}`);
    for (let minute = 2; minute < 10; minute += 1) assert.equal(perMinute(minute * 60_000), 2);
  });

  test("a 429's Retry-After is waited out, however early in the schedule", () => {
    assert.equal(nextWatchDelay(0, 45), 45_000);
    assert.equal(nextWatchDelay(6, 1), 30_000);
  });
});

describe("the exchange rate as a price (lib/guest/asset-price.ts)", () => {
  const price = (exchangeRate: string, asset: string) =>
    assetPriceText({ exchangeRate, paymentCurrency: "USD", purchaseCurrency: asset });

  test("the asset priced in dollars, not the dollar in the asset", () => {
    assert.equal(price("0.000333333333333333", "ETH"), "1 ETH = $3,000.00");
    assert.equal(price("0.000016666666666667", "BTC"), "1 BTC = $60,000.00");
    assert.equal(price("1.00000000", "USDC"), "1 USDC = $1.00");
    assert.equal(price("0.00666667", "SOL"), "1 SOL = $150.00");
    assert.equal(price("2.00000000", "POL"), "1 POL = $0.50");
  });

  test("a rate too short to fix the price to the cent is shown as Coinbase gives it, never as a wrong price", () => {
    // 1/60,000 cut to 8 decimals: turned over, anything from $59,970.01 to $60,006.00.
    assert.equal(price("0.00001667", "BTC"), "$1.00 = 0.00001667 BTC");
    assert.equal(price("0.00033333", "ETH"), "$1.00 = 0.00033333 ETH");
    assert.equal(price("1", "USDC"), "$1.00 = 1 USDC");
  });

  test("the sandbox's rate is precise enough to be read as the price (lib/sandbox/onramp/order-endpoints.ts)", () => {
    for (const [asset, shown] of [
      ["BTC", "1 BTC = $60,000.00"],
      ["ETH", "1 ETH = $3,000.00"],
      ["USDC", "1 USDC = $1.00"],
    ] as const)
      assert.equal(price(orderExchangeRate(asset), asset), shown);
  });

  test("a price under a cent keeps its first digits; a rate that is no number shows none", () => {
    assert.equal(price("81000", "PEPE"), "1 PEPE = $0.00001235");
    for (const rate of ["0", "0.00000000", "", "abc", "-1", "1e-4"])
      assert.equal(price(rate, "X"), null);
  });
});

describe("buying a guest order's purchase again (lib/guest/buy-again.ts)", () => {
  const purchase = { total: "16.4000", currency: "USD", asset: "ETH", network: "arbitrum" };
  const parts = (href: string) => {
    const url = new URL(href, "http://app.test");
    return { path: url.pathname, query: Object.fromEntries(url.searchParams) };
  };

  test("Buy more opens guest checkout with the order's purchase, beside the order, not in its place", () => {
    const { path, query } = parts(buyMoreHref("order-1", purchase));
    assert.equal(path, "/buy/guest");
    assert.deepEqual(query, {
      country: "US",
      asset: "ETH",
      network: "arbitrum",
      amount: "16.40",
      from: "order-1",
    });
    // The form reads it as the same purchase; the wallet comes from the order, never the link.
    assert.deepEqual(readPrefill(query), {
      asset: "ETH",
      network: "arbitrum",
      address: "",
      amount: "16.40",
    });
  });

  test("an order whose total is not known yet is bought again without an amount", () => {
    const { query } = parts(buyMoreHref("order-1", { asset: "USDC", network: "base" }));
    assert.deepEqual(query, { country: "US", asset: "USDC", network: "base", from: "order-1" });
  });

  test("both links name the US: guest checkout must not guess another country from the browser", () => {
    assert.deepEqual(parts(buyAgainHref("order-2", purchase)).query, {
      country: "US",
      asset: "ETH",
      network: "arbitrum",
      amount: "16.40",
      replaces: "order-2",
    });
  });
});

describe("the last order on a page that buys an order again (lib/guest/last-order.ts)", () => {
  const purchase = { total: "25.00", currency: "USD", asset: "USDC", network: "base" };
  // Coinbase has it waiting for its payment, its button stored with it.
  const payable = (orderId: string): LastOrder => ({
    kind: "payable",
    placed: {
      orderId,
      paymentLinkUrl: `https://pay.coinbase.com/v2/guest/onramp?orderId=${orderId}`,
      paymentLinkType: "PAYMENT_LINK_TYPE_APPLE_PAY_BUTTON",
      order: {
        orderId,
        status: "ONRAMP_ORDER_STATUS_PENDING_PAYMENT",
        paymentTotal: "25.00",
        paymentSubtotal: "23.75",
        paymentCurrency: "USD",
        purchaseAmount: "23.75",
        purchaseCurrency: "USDC",
        fees: [{ type: "FEE_TYPE_EXCHANGE", amount: "1.25", currency: "USD" }],
        exchangeRate: "1",
        destinationAddress: "0x4838B106FCe9647Bdf1E7877BF73cE8B0BAD5f97",
        destinationNetwork: "base",
        createdAt: "2025-01-01T00:00:00Z",
        updatedAt: "2025-01-01T00:00:00Z",
      },
    },
    purchase,
  });

  test("Buy more on an order never opens that order's payment, whatever Coinbase says of it", () => {
    // Its page could not ask Coinbase, so its "Buy more" came `from` it: Coinbase, answering
    // now, says it waits for its payment. The user asked for a new order: the form, and a
    // notice naming the old one.
    assert.deepEqual(lastOrderShown(payable("order-1"), { from: "order-1" }), {
      notice: { kind: "unfinished", orderId: "order-1", purchase },
    });
    // Coinbase not answering either: the same page.
    const unread = { kind: "unfinished", orderId: "order-1", purchase } as const;
    assert.deepEqual(lastOrderShown(unread, { from: "order-1" }), { notice: unread });
  });

  test("the order bought again in its place is not shown at all, paid or not", () => {
    assert.deepEqual(lastOrderShown(payable("order-1"), { replaces: "order-1" }), {});
    assert.deepEqual(
      lastOrderShown({ kind: "unfinished", orderId: "order-1" }, { replaces: "order-1" }),
      {},
    );
  });

  test("another order waiting for its payment (placed from this link, then reloaded) is paid here", () => {
    const placed = payable("order-2");
    const expected = placed.kind === "payable" ? placed.placed : assert.fail();
    for (const link of [{}, { from: "order-1" }, { replaces: "order-1" }])
      assert.deepEqual(lastOrderShown(placed, link), { resumed: expected }, JSON.stringify(link));
    assert.deepEqual(lastOrderShown(null, { from: "order-1" }), {});
  });
});

describe("what a failed order request says of the order (lib/guest/order-failure.ts)", () => {
  const reached = upstreamError();
  const refusedConnection = upstreamError({ neverSent: true });

  test("before Coinbase is asked, a failure placed no order, and says so before its own words", () => {
    for (const error of [reached, upstreamTimeout(), upstreamBusy("7")]) {
      const told = orderFailure(error, "before");
      assert.equal(told.code, error.code);
      assert.equal(told.message, `${NO_ORDER_PLACED} ${error.message}`);
    }
    // Retry-After and the like are kept.
    assert.equal(orderFailure(upstreamBusy("7"), "before").options.retryAfterSeconds, 7);
  });

  test("asking Coinbase: an answer lost may have left an order; a refusal, or a connection never made, none", () => {
    for (const error of [upstreamTimeout(), reached])
      assert.equal(orderFailure(error, "sending").message, ORDER_MAY_EXIST, error.code);
    for (const error of [
      refusedConnection,
      upstreamBusy(null),
      new AppError("upstream_auth", "Coinbase refused the API key"),
    ])
      assert.match(orderFailure(error, "sending").message, /^No order was placed\. /, error.code);
  });

  test("once Coinbase made the order, any failure here may leave it waiting: ours, or the database's", () => {
    for (const error of [refusedConnection, new Error("a bug")])
      assert.equal(orderFailure(error, "after").message, ORDER_MAY_EXIST);
    assert.equal(orderFailure(new Error("a bug"), "after").code, "internal_error");
  });

  test("a refusal that names what to fix keeps its words: a limit, a verification, a field", () => {
    const refusals = [
      new AppError("guest_transaction_limit", "This purchase would go over your 7-day guest limit"),
      new AppError("verification_expired", "Your verification has expired"),
      new AppError("invalid_request", "Invalid request", {
        issues: [{ path: "amount", message: "Enter an amount" }],
      }),
    ];
    for (const error of refusals)
      for (const step of ["before", "sending", "after"] as const)
        assert.equal(orderFailure(error, step), error, `${error.code} ${step}`);
  });

  test("in the browser: an answer of ours that never came says the order may have been placed", () => {
    assert.equal(
      failedOrderMessage({ status: 0, code: "unreachable", message: "x" }),
      ORDER_ANSWER_LOST,
    );
    // A proxy's own error page in place of ours.
    assert.equal(
      failedOrderMessage({ status: 504, code: "unknown", message: "The server answered 504." }),
      ORDER_ANSWER_LOST,
    );
    assert.match(
      ORDER_ANSWER_LOST,
      /it may have been placed\. An order charges nothing unless it is paid, so it is safe to try again\.$/,
    );
    // Our answer, which says it already.
    assert.equal(
      failedOrderMessage({ status: 504, code: "upstream_timeout", message: ORDER_MAY_EXIST }),
      ORDER_MAY_EXIST,
    );
  });
});

describe("an order placed in place of another (lib/guest/orders.ts, assertStillUnpaid)", () => {
  const user = { id: "user-1", email: "u@example.com" };
  /** The order as the page reads it (Coinbase, else the ledger), recording what was asked. */
  const reading = (status: RampTransactionRow["status"] | null) => {
    const asked: string[] = [];
    const read = async (u: { id: string }, orderId: string) => {
      asked.push(`${u.id} ${orderId}`);
      return status ? { row: { status } as RampTransactionRow } : null;
    };
    return { asked, read };
  };

  test("one paid for meanwhile (in progress or complete) is not replaced: no second purchase", async () => {
    for (const status of ["in_progress", "success"] as const) {
      const { asked, read } = reading(status);
      await assert.rejects(assertStillUnpaid(user, "order-1", read), (error: AppError) => {
        assert.equal(error.code, "order_paid");
        assert.equal(error.status, 409);
        assert.match(error.message, /paid for meanwhile.*no new order was placed/);
        return true;
      });
      // Coinbase is asked about that order, for this user: the ledger may not know yet.
      assert.deepEqual(asked, ["user-1 order-1"]);
    }
  });

  test("one still unpaid, declined, or not the user's is replaced as before", async () => {
    for (const status of ["created", "awaiting_payment", "failed", null] as const)
      await assertStillUnpaid(user, "order-1", reading(status).read);
  });
});

describe("an order's fees as one figure per currency (lib/guest/order-fees.ts)", () => {
  test("fees in the payment's currency add up, exactly", () => {
    const fees = [
      { amount: "0.1", currency: "USD" },
      { amount: "0.2", currency: "USD" },
      { amount: "1.99", currency: "USD" },
    ];
    assert.equal(feesText(fees, "USD"), "$2.29");
  });
  test("a fee in the asset is shown in it, never added to dollars", () => {
    const fees = [
      { amount: "0.00002", currency: "ETH" },
      { amount: "1.99", currency: "USD" },
    ];
    assert.equal(feesText(fees, "USD"), "$1.99 + 0.00002 ETH");
  });
  test("no fees: nothing to pay for them", () => {
    assert.equal(feesText([], "USD"), "$0.00");
  });
});
