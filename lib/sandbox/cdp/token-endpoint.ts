import "server-only";
import { z } from "zod";
import { isPublicIp } from "@/lib/http/client-ip";
import { ASSET_SYMBOLS, NETWORK_IDS } from "@/lib/ramp/catalog";
import { issueSessionToken } from "../pay/sessions";
import { rejectUnsigned } from "./require-signed";
import { readRpcBody } from "./rpc-body";

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
  const body = await readRpcBody(request, CreateTokenSchema);
  if (!body.ok) return body.response;
  const { addresses, assets } = body.data;
  const token = issueSessionToken({ addresses, assets });
  return Response.json({ token, channelId: "" });
}
