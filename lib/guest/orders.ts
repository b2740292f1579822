import "server-only";
import { and, eq, sql, type AnyColumn } from "drizzle-orm";
import type { SignedInUser } from "@/lib/auth/current-user";
import { getConfig } from "@/lib/config/env";
import { getDatabase } from "@/lib/db/client";
import { rampTransaction, type GuestProfileRow, type RampTransactionRow } from "@/lib/db/schema";
import { AppError, isAppError } from "@/lib/http/app-error";
import { upstreamError } from "@/lib/http/upstream-errors";
import { replaceOrder } from "@/lib/ledger/mark-replaced";
import { log } from "@/lib/log/logger";
import { isFramable } from "@/lib/security/csp";
import { applyReport } from "@/lib/webhooks/apply-event";
import { orderStatus, toReport } from "@/lib/webhooks/to-report";
import { guestState, verificationRunOut } from "./guest-state";
import { createOrder, type CreatedOrder, type OnrampOrder, type OrderRequest } from "./onramp-api";
import { orderStep } from "./order-failure";
import { readProfile } from "./profile";
import { recentOrder } from "./recent-orders";
import type { GuestOrderInput } from "./schemas";

/**
 * Guest orders (Headless Onramp docs): a price (`isQuote`, nothing created) as the user types, then
 * the order, whose payment link the page embeds. The order is written to the ledger at once, under
 * its Coinbase order id; from then on the order API and the webhooks move it, never the iframe's
 * messages.
 */
export interface PlacedOrder {
  orderId: string;
  paymentLinkUrl: string;
  paymentLinkType: string;
  /** What is being paid, shown above the payment button. */
  order: OnrampOrder;
}

/**
 * Placed in place of an unpaid order that another tab had already replaced: `replacedBy` is
 * that tab's order, the one to follow. This one is marked replaced by it, and its payment
 * button is not given: one purchase, one order to pay.
 */
export interface OvertakenOrder {
  orderId: string;
  replacedBy: string;
}

export async function quoteOrder(user: SignedInUser, input: GuestOrderInput, clientIp?: string) {
  const request = await orderRequest(user, input, clientIp, true);
  return (await createOrder(request)).order;
}

/**
 * The order, and the payment link to embed. A failure says whether an order may exist at
 * Coinbase (lib/guest/order-failure.ts): the user must know whether trying again is safe.
 */
export async function placeOrder(
  user: SignedInUser,
  input: GuestOrderInput,
  clientIp?: string,
): Promise<PlacedOrder | OvertakenOrder> {
  const request = await orderStep("before", () => orderRequest(user, input, clientIp, false));
  const created = await orderStep("sending", () => createOrder(request));
  return orderStep("after", () => takeOrder(user.id, input, created));
}

/**
 * An order is placed in place of another ("Change the order", "buy again") only while that one
 * is unpaid: paid seconds ago in another tab or on a phone, it is a purchase made, and a new
 * order would be a second one. The ledger may not know yet (the webhook on its way), so
 * Coinbase is asked (`read`: its answer, else the ledger's last word). Not the user's order, or
 * not found: nothing to protect, replaceOrder leaves the new order one of its own. Checked
 * first, before the user's limits: a purchase made is what to tell, not a limit it used up.
 */
export async function assertStillUnpaid(
  user: SignedInUser,
  replaces: string,
  read: typeof readOrderForPage = readOrderForPage,
): Promise<void> {
  const found = await read(user, replaces);
  if (found && PAID.includes(found.row.status))
    throw new AppError(
      "order_paid",
      "The order you were changing has been paid for meanwhile (in another tab or on another device): no new order was placed",
    );
}

const PAID: RampTransactionRow["status"][] = ["in_progress", "success"];

/** The order Coinbase made: its link checked, then in the ledger, in place of any it replaces. */
async function takeOrder(
  userId: string,
  input: GuestOrderInput,
  created: CreatedOrder,
): Promise<PlacedOrder | OvertakenOrder> {
  const link = created.paymentLink;
  // The page may frame one origin only (its CSP): a link elsewhere is not embedded.
  if (!link || !isFramable(link.url)) {
    log("warn", "guest_payment_link_unexpected", { orderId: created.order.orderId });
    throw upstreamError();
  }
  await recordOrder(userId, input, created.order, link);
  if (input.replaces) {
    const { overtakenBy } = await replaceOrder(
      getDatabase().db,
      userId,
      input.replaces,
      created.order.orderId,
    );
    if (overtakenBy) return { orderId: created.order.orderId, replacedBy: overtakenBy };
  }
  return {
    orderId: created.order.orderId,
    paymentLinkUrl: link.url,
    paymentLinkType: link.paymentLinkType,
    order: created.order,
  };
}

/**
 * The order as Coinbase has it now (at most two seconds old: lib/guest/recent-orders.ts),
 * applied to the ledger; null when it is not this user's.
 */
export async function refreshOrder(
  user: SignedInUser,
  orderId: string,
): Promise<{ order: OnrampOrder; row: RampTransactionRow } | null> {
  const row = await findOrderRow(user.id, orderId);
  if (!row) return null;
  const order = await recentOrder(orderId);
  const reading = toReport("onramp.transaction.updated", asWebhookPayload(order));
  if ("report" in reading) await applyReport(getDatabase().db, reading.report);
  return { order, row: (await findOrderRow(user.id, orderId)) ?? row };
}

/**
 * For the order's page: Coinbase's answer when it gives one, else the ledger's last word, so
 * that an outage, a rate limit, or Coinbase not finding the order (the sandbox forgets its
 * orders when it restarts) leaves the page up with what is known (it asks again by itself).
 * Any other refusal is a fault to see, not to paper over: the page's error view.
 */
export async function readOrderForPage(
  user: SignedInUser,
  orderId: string,
): Promise<{ order?: OnrampOrder; row: RampTransactionRow } | null> {
  try {
    return await refreshOrder(user, orderId);
  } catch (error) {
    if (!isAppError(error) || (error.status < 500 && error.code !== "not_found")) throw error;
    log("warn", "guest_order_unrefreshed", { reason: error.code });
    const row = await findOrderRow(user.id, orderId);
    return row ? { row } : null;
  }
}

export async function findOrderRow(userId: string, orderId: string) {
  const [row] = await getDatabase()
    .db.select()
    .from(rampTransaction)
    .where(
      and(eq(rampTransaction.coinbaseOrderId, orderId), eq(rampTransaction.partnerUserRef, userId)),
    );
  return row;
}

async function orderRequest(
  user: SignedInUser,
  input: GuestOrderInput,
  clientIp: string | undefined,
  isQuote: boolean,
): Promise<OrderRequest> {
  const profile = await readProfile(user.id);
  const ready = readyProfile(profile);
  return {
    paymentCurrency: "USD",
    paymentAmount: input.amount,
    purchaseCurrency: input.asset,
    paymentMethod: input.paymentMethod,
    destinationAddress: input.address,
    destinationNetwork: input.network,
    partnerUserRef: user.id,
    email: user.email,
    phoneNumber: ready.phoneNumber,
    phoneNumberVerifiedAt: ready.phoneVerifiedAt.toISOString(),
    agreementAcceptedAt: ready.agreementAcceptedAt.toISOString(),
    smsVerificationId: ready.phoneVerificationId,
    emailVerificationId: ready.emailVerificationId,
    domain: new URL(getConfig().appUrl).hostname,
    clientIp,
    isQuote,
  };
}

/** The profile with everything an order needs, or the error that says which step is missing. */
function readyProfile(profile: GuestProfileRow | undefined) {
  const state = guestState(profile);
  const runOut = verificationRunOut(state);
  if (runOut) throw runOut;
  // Only the email's has run out (Coinbase may end it first): the phone is not texted again.
  if (state.phone === "verified" && !state.emailVerified && profile?.emailVerificationId)
    throw new AppError(
      "email_verification_expired",
      "Your email verification has run out: verify your email again",
    );
  if (state.phone === "missing" || !state.emailVerified)
    throw new AppError("verification_required", "Verify your phone number and email first");
  if (!state.agreementAccepted)
    throw new AppError(
      "guest_terms_required",
      "Accept Coinbase's guest checkout terms, user agreement and privacy policy first",
    );
  const p = profile!;
  return {
    phoneNumber: p.phoneNumber!,
    phoneVerifiedAt: p.phoneVerifiedAt!,
    phoneVerificationId: p.phoneVerificationId!,
    emailVerificationId: p.emailVerificationId!,
    agreementAcceptedAt: p.agreementAcceptedAt!,
  };
}

/** The order just placed, in the ledger: its row, or the one its webhook wrote first. */
export async function recordOrder(
  userId: string,
  input: GuestOrderInput,
  order: OnrampOrder,
  link: { url: string; paymentLinkType: string },
) {
  await getDatabase()
    .db.insert(rampTransaction)
    .values({
      partnerUserRef: userId,
      side: "buy",
      // Read as the webhooks read it: a new order waits for its payment (PENDING_PAYMENT).
      status: orderStatus(order.status) ?? "awaiting_payment",
      asset: input.asset,
      network: input.network,
      address: input.address,
      fiatAmount: order.paymentTotal,
      fiatCurrency: order.paymentCurrency,
      cryptoAmount: order.purchaseAmount,
      coinbaseOrderId: order.orderId,
      paymentLinkUrl: link.url,
      paymentLinkType: link.paymentLinkType,
    })
    // The order's webhook may have come first and written the row (lib/webhooks/apply-event.ts):
    // it moved the status, which stays. The link, which no webhook carries, is added, and what
    // the event left out (only its id and status are sure to be in it) is filled in from the
    // order: "Buy again" and the last order's notice read them.
    .onConflictDoUpdate({
      target: rampTransaction.coinbaseOrderId,
      set: {
        paymentLinkUrl: link.url,
        paymentLinkType: link.paymentLinkType,
        asset: keptOr(rampTransaction.asset),
        network: keptOr(rampTransaction.network),
        address: keptOr(rampTransaction.address),
        fiatAmount: keptOr(rampTransaction.fiatAmount),
        fiatCurrency: keptOr(rampTransaction.fiatCurrency),
        cryptoAmount: keptOr(rampTransaction.cryptoAmount),
      },
    });
}

/** The row's value, or the order's where the row has none (null or ""). */
function keptOr(column: AnyColumn) {
  return sql`coalesce(nullif(${column}, ''), ${sql.raw(`excluded."${column.name}"`)})`;
}

/** The order API's fees are `{type, amount, currency}`; the webhook's `{feeType, feeAmount, feeCurrency}`. */
function asWebhookPayload(order: OnrampOrder) {
  return {
    ...order,
    fees: order.fees.map((f) => ({
      feeType: f.type,
      feeAmount: f.amount,
      feeCurrency: f.currency,
    })),
  };
}
