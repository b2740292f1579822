import "server-only";
import { z } from "zod";
import { checkAddress } from "@/lib/ramp/addresses";
import { ASSET_SYMBOLS, NETWORK_IDS, isOfferedOn } from "@/lib/ramp/catalog";
import { parseFixed } from "../cdp/decimal";
import { isUsNumber } from "./guest-limits";
import { findVerification, VERIFICATION_TTL_MS } from "./verifications";

/**
 * What `POST /v2/onramp/orders` checks before it prices or creates anything, in Coinbase's
 * order, each refusal as its documented `{status, errorType, errorMessage}`. Sandbox-only
 * trigger: a phone number ending in 555-0100 is not allowed to buy as a guest.
 */
export const OrderBodySchema = z.object({
  paymentCurrency: z.string(),
  purchaseCurrency: z.string(),
  paymentMethod: z.enum(["GUEST_CHECKOUT_APPLE_PAY", "GUEST_CHECKOUT_GOOGLE_PAY"]),
  destinationAddress: z.string().min(1),
  destinationNetwork: z.string(),
  partnerUserRef: z.string().min(1).max(49),
  paymentAmount: z.string().optional(),
  purchaseAmount: z.string().optional(),
  email: z.string().email().optional(),
  phoneNumber: z
    .string()
    .regex(/^\+[1-9]\d{1,14}$/)
    .optional(),
  phoneNumberVerifiedAt: z.iso.datetime({ offset: true }).optional(),
  agreementAcceptedAt: z.iso.datetime({ offset: true }).optional(),
  smsVerificationId: z.string().optional(),
  emailVerificationId: z.string().optional(),
  domain: z.string().optional(),
  clientIp: z.string().optional(),
  isQuote: z.boolean().optional(),
  partnerOrderRef: z.string().optional(),
  // A BCP-47 tag, as the OpenAPI's pattern has it: "en_US" is refused, as at Coinbase.
  locale: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/)
    .optional(),
});
export type OrderBody = z.infer<typeof OrderBodySchema>;

export interface Refusal {
  status: number;
  errorType: string;
  errorMessage: string;
}

const refuse = (status: number, errorType: string, errorMessage: string): Refusal => ({
  status,
  errorType,
  errorMessage,
});
const invalid = (message: string) => refuse(400, "invalid_request", message);
const DAYS_60 = 60 * 24 * 60 * 60 * 1000;
const DOMAIN = /^(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)*$/i;

/** The first reason to refuse a headless (guest) order, or null. */
export function orderRefusal(body: OrderBody, now = Date.now()): Refusal | null {
  if ((body.paymentAmount === undefined) === (body.purchaseAmount === undefined))
    return invalid("Provide exactly one of paymentAmount or purchaseAmount.");
  const amount = body.paymentAmount ?? body.purchaseAmount!;
  if (parseFixed(amount, body.paymentAmount ? 2 : 8) === undefined || Number(amount) <= 0)
    return invalid("The amount must be a positive decimal.");
  if (body.paymentCurrency !== "USD") return invalid("Only USD is supported for guest checkout.");
  if (!body.email || !body.phoneNumber || !body.phoneNumberVerifiedAt || !body.agreementAcceptedAt)
    return invalid(
      "Missing required params: email, phoneNumber, phoneNumberVerifiedAt and agreementAcceptedAt.",
    );
  if (!body.domain || !DOMAIN.test(body.domain))
    return invalid("domain must be the hostname the button is rendered on, without a scheme.");
  if (!(ASSET_SYMBOLS as readonly string[]).includes(body.purchaseCurrency))
    return invalid("Unknown purchase currency.");
  if (
    !(NETWORK_IDS as readonly string[]).includes(body.destinationNetwork) ||
    !isOfferedOn(body.purchaseCurrency, body.destinationNetwork)
  )
    return refuse(
      400,
      "network_not_tradable",
      "The selected asset cannot be purchased on the selected network in the user's location.",
    );
  if (!checkAddress(body.destinationNetwork, body.destinationAddress).ok)
    return invalid("Invalid destination address for the destination network.");
  if (!isUsNumber(body.phoneNumber))
    return refuse(
      400,
      "guest_region_forbidden",
      "Guest onramp transactions are not allowed in the user's region.",
    );
  if (body.phoneNumber.endsWith("5550100"))
    return refuse(
      400,
      "guest_permission_denied",
      "The user is not allowed to complete onramp transactions as a guest.",
    );
  if (now - Date.parse(body.phoneNumberVerifiedAt) > DAYS_60)
    return refuse(
      400,
      "phone_number_verification_expired",
      "The user's phone number verification has expired. Please re-verify the user's phone number.",
    );
  return (
    verificationRefusal(body.smsVerificationId, body.phoneNumber, now) ??
    verificationRefusal(body.emailVerificationId, body.email, now)
  );
}

/** The sandbox app requires Coinbase-run verification of both phone and email. */
function verificationRefusal(id: string | undefined, destination: string, now: number) {
  if (!id)
    return refuse(
      400,
      "otp_verification_required",
      "Verification is required for this application. Use the Onramp Verification API to verify the user's phone number and email.",
    );
  const verification = findVerification(id);
  if (!verification)
    return refuse(
      404,
      "otp_verification_not_found",
      "The provided verification ID does not correspond to any verification record.",
    );
  if (verification.verifiedAt === undefined)
    return refuse(
      400,
      "otp_verification_invalid",
      "The verification record is not in a valid state for order placement.",
    );
  if (now - verification.verifiedAt > VERIFICATION_TTL_MS)
    return refuse(
      400,
      "otp_verification_expired",
      "The verification record has expired. Initiate a new verification flow.",
    );
  if (verification.destination.toLowerCase() !== destination.toLowerCase())
    return refuse(
      400,
      "otp_verification_destination_mismatch",
      "The destination on the order does not match the destination that was verified.",
    );
  return null;
}
