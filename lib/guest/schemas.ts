import "@/lib/security/jitless-zod";
import { z } from "zod";
import { codeDigits } from "@/lib/auth/one-time-code";
import { FiatAmountSchema } from "@/lib/ramp/amounts";
import { assetField, networkField } from "@/lib/ramp/field-rules";
import { checkAssetNetworkAddress } from "@/lib/ramp/schemas";

// The form checks the wallet address as its field is left, with the rule the order is held to.
export { checkAddress } from "@/lib/ramp/addresses";
import { toE164 } from "./phone";
import { notUsNumber } from "./us-numbers";

/**
 * One schema per guest-checkout input, shared by the form (inline errors) and the routes
 * (the authority). Browser-safe.
 */
export const GUEST_PAYMENT_METHODS = [
  "GUEST_CHECKOUT_APPLE_PAY",
  "GUEST_CHECKOUT_GOOGLE_PAY",
] as const;

const phoneField = z
  .string({ error: "Enter your phone number" })
  .max(32, "That is too long for a phone number")
  .transform((value, ctx) => {
    const e164 = toE164(value);
    if (!e164) {
      ctx.addIssue({
        code: "custom",
        message: "Enter a US mobile number, e.g. (205) 555-0123, or one starting with +",
      });
      return z.NEVER;
    }
    // Coinbase sells to US guests only: another country's number would be texted a code, and
    // verified, only for the purchase to be refused at the end.
    const problem = notUsNumber(e164);
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return e164;
  });

const codeField = z
  .string({ error: "Enter the 6-digit code" })
  .overwrite(codeDigits)
  .regex(/^\d{6}$/, "Enter the 6-digit code");

/** Send a code: to this phone number by SMS, or to the signed-in user's email. */
export const SendCodeSchema = z.discriminatedUnion(
  "channel",
  [
    z.object({ channel: z.literal("sms"), phone: phoneField }).strict(),
    z.object({ channel: z.literal("email") }).strict(),
  ],
  { error: "channel is sms or email" },
);
export type SendCodeInput = z.input<typeof SendCodeSchema>;

export const SubmitCodeSchema = z
  .object({
    channel: z.enum(["sms", "email"], { error: "channel is sms or email" }),
    code: codeField,
  })
  .strict();

export const AgreementSchema = z
  .object({
    accepted: z.literal(true, {
      error: "Accept Coinbase's terms, user agreement and privacy policy to continue",
    }),
  })
  .strict();

/** What a Coinbase order id may look like; anything else names no order. */
export const GUEST_ORDER_ID = /^[\w-]{1,100}$/;

/** A guest purchase: always a USD amount, fees included (Coinbase's `paymentAmount`). */
export const GuestOrderSchema = z
  .object({
    asset: assetField,
    network: networkField,
    address: z.string({ error: "Enter a wallet address" }).max(128, "Address is too long"),
    amount: FiatAmountSchema,
    paymentMethod: z.enum(GUEST_PAYMENT_METHODS, { error: "Choose Apple Pay or Google Pay" }),
    // An order only: the user's unpaid order this one takes the place of ("Change the order",
    // or "buy again" from its page). It is then no longer offered to be paid.
    replaces: z.string().regex(GUEST_ORDER_ID, "replaces must be an order id").optional(),
  })
  .strict()
  .superRefine(checkAssetNetworkAddress);
export type GuestOrderInput = z.infer<typeof GuestOrderSchema>;
