import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { guardMintingRequest } from "@/lib/abuse/guard-minting";
import { AppError } from "@/lib/http/app-error";
import { toFieldIssues } from "@/lib/http/field-issues";
import { handle } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { resolveUserRef } from "@/lib/ramp/assign-user-ref";
import { createHandoff } from "@/lib/ramp/handoff";
import { OfframpRequestSchema, OnrampRequestSchema } from "@/lib/ramp/schemas";

const Body = z
  .object({ side: z.enum(["buy", "sell"]), request: z.record(z.string(), z.unknown()) })
  .strict();

/** `POST /api/handoff {side, request}`: a one-time link (and its QR code) that mints on the phone. */
export async function POST(request: NextRequest) {
  return handle(request, async () => {
    await guardMintingRequest(request);
    const body = await readJsonBody(request, Body);
    const parsed = (body.side === "buy" ? OnrampRequestSchema : OfframpRequestSchema).safeParse(
      body.request,
    );
    if (!parsed.success) {
      throw new AppError("invalid_request", 400, "Some fields are missing or invalid", {
        issues: toFieldIssues(parsed.error).map((i) => ({ ...i, path: `request.${i.path}` })),
      });
    }
    const user = resolveUserRef(request, parsed.data.partnerUserRef);
    const response = NextResponse.json(await createHandoff(body.side, parsed.data, user.ref), {
      headers: { "cache-control": "no-store" },
    });
    user.remember(response);
    return response;
  });
}
