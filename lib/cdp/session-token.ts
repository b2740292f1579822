import "server-only";
import { z } from "zod";
import type { SessionTokenRequest } from "@/lib/ramp/schemas";
import { cdpCall, type OwnCdpClient } from "./client";

export const SESSION_TOKEN_LIFETIME_MS = 5 * 60 * 1000;

// The docs print `channel_id`, the API reference `channelId`: read both.
const TokenResponseSchema = z
  .object({
    token: z.string().min(1),
    channelId: z.string().optional(),
    channel_id: z.string().optional(),
  })
  .transform((r) => ({ token: r.token, channelId: r.channelId ?? r.channel_id ?? "" }));

export interface SessionToken {
  token: string;
  channelId: string;
  /** ISO time; Coinbase lets a token live 5 minutes from minting. */
  expiresAt: string;
}

/** Mints a single-use Onramp/Offramp session token (POST /onramp/v1/token). */
export async function mintSessionToken(
  request: SessionTokenRequest,
  clientIp?: string,
  client?: OwnCdpClient,
): Promise<SessionToken> {
  const mintedAt = Date.now();
  const session = await cdpCall(
    TokenResponseSchema,
    "POST",
    "/onramp/v1/token",
    {
      addresses: request.addresses,
      ...(request.assets ? { assets: request.assets } : {}),
      ...(clientIp ? { clientIp } : {}),
    },
    client,
  );
  return {
    ...session,
    expiresAt: new Date(mintedAt + SESSION_TOKEN_LIFETIME_MS).toISOString(),
  };
}
