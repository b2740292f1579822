import "server-only";
import { z } from "zod";
import { answerOnce } from "../cdp/idempotency";
import { platformError, unauthorized } from "../cdp/platform-error";
import { verifyCdpRequestJwt } from "../cdp/verify-request-jwt";
import { startVerification, submitCode, VERIFICATION_TTL_MS } from "./verifications";

/**
 * `POST /v2/onramp/verifications` and `…/{id}/submit` as the platform host answers them, with
 * the `X-Idempotency-Key` both take.
 */
const StartSchema = z.discriminatedUnion("channel", [
  z.object({ channel: z.literal("sms"), destination: z.string().regex(/^\+[1-9]\d{1,14}$/) }),
  z.object({ channel: z.literal("email"), destination: z.string().email().max(254) }),
]);
const SubmitSchema = z.object({ otpCode: z.string().regex(/^\d{6}$/) });
const ID = /^onramp_verification_[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;

export async function handleStartVerification(request: Request): Promise<Response> {
  if (await verifyCdpRequestJwt(request)) return unauthorized();
  return answerOnce(request, () => start(request));
}

async function start(request: Request): Promise<Response> {
  const parsed = StartSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success)
    return platformError(400, "invalid_request", "Invalid channel or destination.");
  const started = await startVerification(parsed.data.channel, parsed.data.destination);
  if (!started) return platformError(429, "rate_limit_exceeded", "Rate limit exceeded.");
  return Response.json(
    {
      verificationId: started.id,
      otpExpiresAt: new Date(started.sentAt + 10 * 60 * 1000).toISOString(),
    },
    { status: 201 },
  );
}

export async function handleSubmitVerification(request: Request, id: string): Promise<Response> {
  if (await verifyCdpRequestJwt(request)) return unauthorized();
  return answerOnce(request, () => submit(request, id));
}

async function submit(request: Request, id: string): Promise<Response> {
  const parsed = SubmitSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) return platformError(400, "invalid_request", "OTP code is required.");
  const result = ID.test(id) ? submitCode(id, parsed.data.otpCode) : "not_found";
  switch (result) {
    case "not_found":
      return platformError(
        404,
        "otp_verification_not_found",
        "The provided verification ID does not correspond to any verification record.",
      );
    case "code_invalid":
      return platformError(
        400,
        "otp_verification_code_invalid",
        "The OTP code is incorrect or has expired.",
      );
    case "invalid":
      return platformError(
        400,
        "otp_verification_invalid",
        "The verification record is not in a usable state for this operation.",
      );
    case "verified":
      return Response.json({
        verificationId: id,
        verificationExpiresAt: new Date(Date.now() + VERIFICATION_TTL_MS).toISOString(),
      });
  }
}
