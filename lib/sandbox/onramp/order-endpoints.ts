import "server-only";
import { getConfig } from "@/lib/config/env";
import type { AssetSymbol, NetworkId } from "@/lib/ramp/catalog";
import { div, fixed, format, ONE } from "../cdp/decimal";
import { assetPrice } from "../cdp/market";
import { platformError, unauthorized } from "../cdp/platform-error";
import { priceBuyByCrypto, priceBuyByTotal } from "../cdp/pricing";
import { verifyCdpRequestJwt } from "../cdp/verify-request-jwt";
import { isUsNumber, limitsLeft, limitsView } from "./guest-limits";
import { createGuestOrder, findGuestOrder, orderView, ordersOfPhone } from "./guest-orders";
import { limitUpgradeOptions } from "./limit-upgrades";
import { OrderBodySchema, orderRefusal } from "./order-rules";
import { phoneVerifiedByOtp } from "./verifications";
import { z } from "zod";

/** `/v2/onramp/orders`, `/v2/onramp/orders/{id}` and `/v2/onramp/limits` of the platform host. */

// Coinbase prices Apple Pay and Google Pay guest purchases like a debit card.
const FEE_METHOD = "CARD";
const MIN_ORDER_USD = 2;
const ORDERS_PER_MINUTE = 10;

export async function handleCreateOrder(request: Request): Promise<Response> {
  if (await verifyCdpRequestJwt(request)) return unauthorized();
  const parsed = OrderBodySchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join(".") || "body";
    return platformError(400, "invalid_request", `Missing or invalid param: ${where}.`);
  }
  const body = parsed.data;
  const refusal = orderRefusal(body);
  if (refusal) return platformError(refusal.status, refusal.errorType, refusal.errorMessage);
  const phone = body.phoneNumber!;
  const terms = {
    asset: body.purchaseCurrency as AssetSymbol,
    network: body.destinationNetwork as NetworkId,
    currency: "USD" as const,
    method: FEE_METHOD,
  };
  const figures = body.paymentAmount
    ? priceBuyByTotal(terms, fixed(body.paymentAmount))
    : priceBuyByCrypto(terms, fixed(body.purchaseAmount!));
  if (
    Number(figures.purchase_amount.value) <= 0 ||
    Number(figures.payment_total.value) < MIN_ORDER_USD
  )
    return platformError(400, "invalid_request", `The minimum purchase is ${MIN_ORDER_USD} USD.`);
  const left = limitsLeft(phone);
  if (left.purchases <= 0)
    return platformError(
      429,
      "guest_transaction_count",
      `The user has reached the lifetime guest onramp transaction count limit (${left.purchaseLimit}).`,
    );
  if (fixed(figures.payment_total.value) > left.weekly)
    return platformError(
      429,
      "guest_transaction_limit",
      "This transaction would exceed the user's weekly guest onramp transaction limit.",
    );
  const exchangeRate = orderExchangeRate(terms.asset);
  const draft = {
    partnerUserRef: body.partnerUserRef,
    phoneNumber: phone,
    paymentMethod: body.paymentMethod,
    asset: body.purchaseCurrency,
    network: body.destinationNetwork,
    address: body.destinationAddress,
    domain: body.domain!,
    figures,
    exchangeRate,
  };
  if (body.isQuote) {
    const now = Date.now();
    const quote = {
      ...draft,
      orderId: crypto.randomUUID(),
      sessionToken: "",
      createdAt: now,
      updatedAt: now,
    };
    return Response.json(
      { order: orderView({ ...quote, status: "ONRAMP_ORDER_STATUS_PENDING_PAYMENT" }) },
      { status: 201 },
    );
  }
  const lastMinute = ordersOfPhone(phone).filter((o) => Date.now() - o.createdAt < 60_000);
  if (lastMinute.length >= ORDERS_PER_MINUTE)
    return platformError(429, "rate_limit_exceeded", "Rate limit exceeded.");
  const order = createGuestOrder(draft);
  return Response.json(
    { order: orderView(order), paymentLink: paymentLink(order.paymentMethod, order.sessionToken) },
    { status: 201 },
  );
}

/**
 * The order's `exchangeRate`, "the crypto value of one fiat" (OpenAPI OnrampOrder), to the 18
 * decimals the sandbox's arithmetic keeps: cut to 8, BTC's 1/60,000 read back as $59,988.
 */
export function orderExchangeRate(asset: AssetSymbol): string {
  return format(div(ONE, assetPrice(asset, "USD")), 18);
}

function paymentLink(method: string, sessionToken: string) {
  const apple = method === "GUEST_CHECKOUT_APPLE_PAY";
  const url = new URL(
    `${getConfig().ramp.payBaseUrl}/v2/api-onramp/${apple ? "apple-pay" : "google-pay"}`,
  );
  url.searchParams.set("sessionToken", sessionToken);
  return {
    url: url.toString(),
    paymentLinkType: apple
      ? "PAYMENT_LINK_TYPE_APPLE_PAY_BUTTON"
      : "PAYMENT_LINK_TYPE_GOOGLE_PAY_BUTTON",
  };
}

export async function handleGetOrder(request: Request, orderId: string): Promise<Response> {
  if (await verifyCdpRequestJwt(request)) return unauthorized();
  const order = /^[a-f0-9-]{36}$/.test(orderId) ? findGuestOrder(orderId) : undefined;
  if (!order) return platformError(404, "not_found", "Order with the given ID does not exist.");
  return Response.json({ order: orderView(order) });
}

const LimitsBodySchema = z.object({
  paymentMethodType: z.enum(["GUEST_CHECKOUT_APPLE_PAY", "GUEST_CHECKOUT_GOOGLE_PAY"]),
  userId: z.string().regex(/^\+[1-9]\d{1,14}$/),
  userIdType: z.literal("phone_number"),
});

/** `now` is the clock the limit upgrade's review reads (tests move it on). */
export async function handleLimits(request: Request, now = Date.now()): Promise<Response> {
  if (await verifyCdpRequestJwt(request)) return unauthorized();
  const parsed = LimitsBodySchema.safeParse(await request.json().catch(() => undefined));
  // A number outside the US has no guest limits: refused with the one 400 the OpenAPI lists
  // for this endpoint (orders name the region: guest_region_forbidden).
  if (!parsed.success || !isUsNumber(parsed.data.userId))
    return platformError(
      400,
      "invalid_request",
      "Must provide a valid payment method type and user identifier.",
    );
  const phone = parsed.data.userId;
  // Upgrades are offered to a number this sandbox verified by OTP, as Coinbase requires.
  return Response.json({
    ...limitsView(limitsLeft(phone, now)),
    ...(phoneVerifiedByOtp(phone, now) && { limitUpgradeOptions: limitUpgradeOptions(phone, now) }),
  });
}
