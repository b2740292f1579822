import "server-only";
import { z } from "zod";
import { isPublicIp } from "@/lib/http/client-ip";
import { ASSET_SYMBOLS, NETWORK_IDS } from "@/lib/ramp/catalog";
import { issueSessionToken } from "../pay/sessions";
import { rejectUnsigned } from "./require-signed";
import { rpcStatus } from "./rpc-status";

// Coinbase's CreateOnrampTokenRequest: `addresses` required; `assets` a filter.
const CreateTokenSchema = z.object({
  addresses: z
    .array(
      z.object({ address: z.string().min(1), blockchains: z.array(z.enum(NETWORK_IDS)).min(1) }),
    )
    .min(1),
  assets: z.array(z.enum(ASSET_SYMBOLS)).optional(),
  clientIp: z.string().refine(isPublicIp, "clientIp must be a public IP address").optional(),
});

/** POST /onramp/v1/token, as api.developer.coinbase.com answers it. */
export async function handleCreateToken(request: Request): Promise<Response> {
  const unsigned = await rejectUnsigned(request);
  if (unsigned) return unsigned;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return rpcStatus(400, "invalid JSON body");
  }
  const parsed = CreateTokenSchema.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return rpcStatus(
      400,
      `invalid request: ${first?.path.join(".") ?? "body"}: ${first?.message ?? "invalid"}`,
    );
  }
  const token = issueSessionToken({ addresses: parsed.data.addresses, assets: parsed.data.assets });
  return Response.json({ token, channelId: "" });
}
