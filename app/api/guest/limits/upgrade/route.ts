import { guardMintingRequest, spendMintingCeiling } from "@/lib/abuse/guard-minting";
import { requireGuestUser } from "@/lib/guest/guest-user";
import { limitUpgradeLink } from "@/lib/guest/limit-upgrade-link";
import { handle, json } from "@/lib/http/handle";
import { refuseOtherMethods } from "@/lib/http/other-methods";

/**
 * `POST /api/guest/limits/upgrade`: Coinbase's page where the user raises their limits
 * (`{ upgradeUrl, expiresAt }`). It creates a session at Coinbase, so it counts as minting.
 */
export async function POST(request: Request) {
  return handle(request, async () => {
    await guardMintingRequest(request);
    const user = await requireGuestUser(request);
    await spendMintingCeiling();
    return json(await limitUpgradeLink(user));
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
