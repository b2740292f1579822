import "server-only";
import { getSignedInUser, type SignedInUser } from "@/lib/auth/current-user";
import { refuseOtherAccount } from "@/lib/auth/require-caller";
import { AppError } from "@/lib/http/app-error";

/**
 * Guest checkout is for a signed-in user of this app only: their id is the order's
 * `partnerUserRef` and their email the one verified with Coinbase. No partner-server keys.
 * A page that names its user (lib/auth/expected-user.ts) is refused for another one.
 */
export async function requireGuestUser(request: Request): Promise<SignedInUser> {
  const user = await getSignedInUser(request.headers);
  if (!user) throw new AppError("sign_in_required", "Sign in to continue");
  refuseOtherAccount(request, user.id);
  return user;
}
