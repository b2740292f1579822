/**
 * The header a page sends with the user it was shown for. A tab left open while another
 * account signed in on the same browser still shows the last user's form (their wallet
 * address among it): without this, its Continue would mint for the new account with what
 * the last one typed. The server refuses a request whose header names someone other than
 * the signed-in user (409 `account_changed`). Optional: partner servers leave it out.
 */
export const EXPECTED_USER_HEADER = "x-expected-user";

/** The headers naming `userId` as the user a request is meant for; none when signed out. */
export function expectedUserHeaders(userId: string | null): Record<string, string> {
  return userId === null ? {} : { [EXPECTED_USER_HEADER]: userId };
}
