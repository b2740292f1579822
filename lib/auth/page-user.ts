import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { isDatabaseUnavailable } from "@/lib/db/database-errors";
import { log } from "@/lib/log/logger";
import { getSignedInUser, type SignedInUser } from "./current-user";

export type PageUser =
  | { state: "signed_in"; user: SignedInUser }
  | { state: "signed_out" }
  /** The database did not answer: the page says so instead of failing. */
  | { state: "unknown" };

/**
 * Who is looking at this page, for server components. Once per render (React's `cache`):
 * the header and the page ask, and the session is read from the database once.
 */
export const getPageUser = cache(async (): Promise<PageUser> => {
  try {
    const user = await getSignedInUser(await headers());
    return user ? { state: "signed_in", user } : { state: "signed_out" };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    log("warn", "database_unavailable", { where: "page_user" });
    return { state: "unknown" };
  }
});

/** Who a page was rendered for, as one string: the email, "signed_out" or "unknown". */
export function viewerOf(viewer: PageUser): string {
  return viewer.state === "signed_in" ? viewer.user.email : viewer.state;
}
