import "server-only";
import { getConfig } from "@/lib/config/env";
import { z } from "zod";
import { platformError, unauthorized } from "../cdp/platform-error";
import { verifyCdpRequestJwt } from "../cdp/verify-request-jwt";
import { isUsNumber } from "./guest-limits";
import { limitUpgrade, submitUpgrade, takesRequest } from "./limit-upgrades";
import { dateOfBirthError, IdentityFieldsSchema, ssnError } from "./upgrade-fields";
import { startUpgradeSession } from "./upgrade-sessions";
import { phoneVerifiedByOtp } from "./verifications";

/**
 * `POST /v2/onramp/limits/upgrade` of the platform host. `embedded` answers the hosted page's
 * URL (upgrade-page.ts takes the details there); `api`, the default, takes the fields here and
 * answers 202 with no body. Every refusal is the OpenAPI's one 400, `invalid_request`.
 */
const UpgradeBodySchema = z.object({
  userId: z.string().regex(/^\+[1-9]\d{1,14}$/),
  userIdType: z.literal("phone_number"),
  interactionMode: z.enum(["api", "embedded"]).default("api"),
  fields: IdentityFieldsSchema.optional(),
});

const refuse = (message: string) => platformError(400, "invalid_request", message);

/** `now` is the clock of the review and of the page's token (tests move it on). */
export async function handleLimitUpgrade(request: Request, now = Date.now()): Promise<Response> {
  if (await verifyCdpRequestJwt(request)) return unauthorized();
  const parsed = UpgradeBodySchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success || !isUsNumber(parsed.data.userId))
    return refuse("Invalid user identifier or fields.");
  const { userId, interactionMode, fields } = parsed.data;
  if (!phoneVerifiedByOtp(userId, now))
    return refuse("The user's phone number must be verified by OTP first.");
  const upgrade = limitUpgrade(userId, now);
  if (!takesRequest(upgrade.status))
    return refuse(`A limit upgrade cannot be requested while its status is ${upgrade.status}.`);
  if (interactionMode === "embedded") {
    if (fields) return refuse("Fields must be omitted in embedded mode.");
    const session = startUpgradeSession(userId, now);
    const url = new URL(`${getConfig().ramp.payBaseUrl}/v2/api-onramp/upgrade-limits`);
    url.searchParams.set("sessionToken", session.token);
    return Response.json({
      upgradeUrl: url.toString(),
      expiresAt: new Date(session.expiresAt).toISOString(),
    });
  }
  const missing = upgrade.fields.filter((key) => fields?.[key] === undefined);
  if (!fields || missing.length) return refuse(`Missing fields: ${missing.join(", ")}.`);
  if (fields.ssnLast4 !== undefined && ssnError(fields.ssnLast4))
    return refuse("ssnLast4 must be 4 digits.");
  if (fields.dateOfBirth && dateOfBirthError(fields.dateOfBirth, now))
    return refuse("dateOfBirth must be a real date, at least 18 years ago.");
  submitUpgrade(userId, fields, now);
  return new Response(null, { status: 202 });
}
