import "server-only";
import { z } from "zod";
import { randomUUID } from "node:crypto";
import { sendSignedCdp, type SignedCdpRequest } from "@/lib/cdp/client";
import { idempotencyKeyFor } from "@/lib/cdp/idempotency-key";
import { credentialsRefused } from "@/lib/cdp/cdp-errors";
import { platformError } from "@/lib/cdp/platform-errors";
import { getCdpJwtKey } from "@/lib/cdp/signing-key";
import { getConfig } from "@/lib/config/env";
import { upstreamError } from "@/lib/http/upstream-errors";
import { log } from "@/lib/log/logger";
import type { GUEST_PAYMENT_METHODS } from "./schemas";

/**
 * Coinbase's v2 onramp API (Headless Onramp docs) on the CDP platform host: one-time codes,
 * the user's guest limits, orders (a quote with `isQuote`), and an order's state. The same signed
 * send as every CDP call; v2 errors become ours in lib/cdp/platform-errors.ts; each answer
 * is checked against the documented shape before anyone reads it.
 */

export type GuestPaymentMethod = (typeof GUEST_PAYMENT_METHODS)[number];

const VerificationStartedSchema = z.object({
  verificationId: z.string().min(1),
  otpExpiresAt: z.string(),
});
const VerificationDoneSchema = z.object({
  verificationId: z.string().min(1),
  verificationExpiresAt: z.string(),
});
const LIMIT_UPGRADE_STATUSES = [
  "unrequested",
  "resubmit",
  "pending",
  "active",
  "inactive",
] as const;
// A status the OpenAPI does not list yet is read as "unavailable": nothing is offered for it.
const LimitUpgradeStatusSchema = z
  .string()
  .transform((s) =>
    (LIMIT_UPGRADE_STATUSES as readonly string[]).includes(s)
      ? (s as (typeof LIMIT_UPGRADE_STATUSES)[number])
      : "unavailable",
  );
const LimitUpgradeOptionSchema = z.object({
  status: LimitUpgradeStatusSchema,
  fields: z.array(z.string()),
  limitUpgrades: z.array(z.object({ limitType: z.string(), maxUpgrade: z.string() })),
});
const LimitsSchema = z.object({
  limits: z.array(
    z.object({
      limitType: z.string(),
      currency: z.string().optional(),
      limit: z.string(),
      remaining: z.string(),
    }),
  ),
  limitUpgradeOptions: z.array(LimitUpgradeOptionSchema).optional(),
});
const LimitUpgradeLinkSchema = z.object({
  upgradeUrl: z.string().url(),
  expiresAt: z.string(),
});
export const OrderSchema = z.object({
  orderId: z.string().min(1),
  status: z.string(),
  paymentTotal: z.string(),
  paymentSubtotal: z.string(),
  paymentCurrency: z.string(),
  purchaseAmount: z.string(),
  purchaseCurrency: z.string(),
  fees: z.array(z.object({ type: z.string(), amount: z.string(), currency: z.string() })),
  exchangeRate: z.string(),
  destinationAddress: z.string(),
  destinationNetwork: z.string(),
  txHash: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  partnerUserRef: z.string().optional(),
});
const CreatedOrderSchema = z.object({
  order: OrderSchema,
  paymentLink: z.object({ url: z.string().url(), paymentLinkType: z.string() }).optional(),
});
const OrderAnswerSchema = z.object({ order: OrderSchema });

export type OnrampOrder = z.infer<typeof OrderSchema>;
export type OnrampLimits = z.infer<typeof LimitsSchema>;
export type LimitUpgradeOption = z.infer<typeof LimitUpgradeOptionSchema>;
export type LimitUpgradeLink = z.infer<typeof LimitUpgradeLinkSchema>;
export type CreatedOrder = z.infer<typeof CreatedOrderSchema>;

export interface OrderRequest {
  paymentCurrency: "USD";
  paymentAmount: string;
  purchaseCurrency: string;
  paymentMethod: GuestPaymentMethod;
  destinationAddress: string;
  destinationNetwork: string;
  partnerUserRef: string;
  email: string;
  phoneNumber: string;
  phoneNumberVerifiedAt: string;
  agreementAcceptedAt: string;
  smsVerificationId: string;
  emailVerificationId: string;
  domain: string;
  clientIp?: string;
  isQuote: boolean;
}

/**
 * Sends a one-time code by SMS or email; a second call sends another code. Under a key of
 * its own, so the transport may send it again when the answer is lost: one code, not two.
 */
export async function startVerification(channel: "sms" | "email", destination: string) {
  const answer = await call(
    "POST",
    "/v2/onramp/verifications",
    { channel, destination },
    {
      retry: "idempotent",
      idempotencyKey: randomUUID(),
    },
  );
  return shaped(VerificationStartedSchema, answer, "verifications");
}

/**
 * Enters a code. A code is accepted once: were the answer lost on the way back (a timeout),
 * the same code sent again would be refused as already used, and the user asked to start
 * over. So the key is made of the verification and the code (hashed: no code in a header), and
 * a repeat, by the transport or by the user entering it again, gets the first answer.
 */
export async function submitVerification(verificationId: string, otpCode: string) {
  const path = `/v2/onramp/verifications/${encodeURIComponent(verificationId)}/submit`;
  const idempotencyKey = idempotencyKeyFor(verificationId, otpCode);
  const answer = await call("POST", path, { otpCode }, { retry: "idempotent", idempotencyKey });
  return shaped(VerificationDoneSchema, answer, "submit");
}

/** The user's guest limits, and how they may be raised, by their verified phone number. */
export async function fetchLimits(
  phoneNumber: string,
  method: GuestPaymentMethod,
): Promise<OnrampLimits> {
  const body = { paymentMethodType: method, userId: phoneNumber, userIdType: "phone_number" };
  const answer = await call("POST", "/v2/onramp/limits", body, { retry: "idempotent" });
  return shaped(LimitsSchema, answer, "limits");
}

/**
 * A Coinbase-hosted page where the user gives what raises their limits (embedded mode: the
 * SSN digits and date of birth never pass through this app). Not sent again on a lost
 * answer: each request creates a session at Coinbase.
 */
export async function requestLimitUpgrade(phoneNumber: string): Promise<LimitUpgradeLink> {
  const body = { userId: phoneNumber, userIdType: "phone_number", interactionMode: "embedded" };
  const answer = await call("POST", "/v2/onramp/limits/upgrade", body, { retry: "connect-only" });
  return shaped(LimitUpgradeLinkSchema, answer, "limits/upgrade");
}

/**
 * A quote (`isQuote`: nothing is created, safe to repeat) or a real order (never repeated:
 * Coinbase's orders take no idempotency key; what a lost answer means for the user is said
 * by lib/guest/order-failure.ts).
 */
export async function createOrder(request: OrderRequest): Promise<CreatedOrder> {
  const { clientIp, ...rest } = request;
  const body = { ...rest, ...(clientIp ? { clientIp } : {}) };
  const retry = request.isQuote ? "idempotent" : "connect-only";
  const answer = await call("POST", "/v2/onramp/orders", body, { retry });
  return shaped(CreatedOrderSchema, answer, "orders");
}

export async function fetchOrder(orderId: string): Promise<OnrampOrder> {
  const path = `/v2/onramp/orders/${encodeURIComponent(orderId)}`;
  const answer = await call("GET", path, undefined, { retry: "idempotent" });
  return shaped(OrderAnswerSchema, answer, "order").order;
}

async function call(
  method: "GET" | "POST",
  path: string,
  body: unknown,
  sending: Pick<SignedCdpRequest, "retry" | "idempotencyKey">,
): Promise<unknown> {
  const options = { baseUrl: getConfig().ramp.cdpPlatformApiBaseUrl, key: await getCdpJwtKey() };
  const response = await sendSignedCdp("cdp-platform", options, { method, path, body, ...sending });
  if (response.status >= 200 && response.status <= 299) return response.body;
  const error = platformError(path, response.status, response.body, response.retryAfter);
  // The key refused, or the app not enabled for this API: the operator's to fix (logged), not
  // the user's, who is told as the v1 routes tell it (the webhooks CLI keeps the details).
  throw error.code === "upstream_auth" ? credentialsRefused() : error;
}

function shaped<S extends z.ZodType>(schema: S, answer: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(answer);
  if (parsed.success) return parsed.data;
  log("warn", "cdp_platform_unexpected_shape", { path: `/v2/onramp/${what}` });
  throw upstreamError();
}
