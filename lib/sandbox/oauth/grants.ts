import "server-only";
import { processSingleton } from "@/lib/process/singleton";
import { isAppAccount } from "./accounts";
import { randomToken } from "./secrets";
import type { Grant } from "./types";

const grants = processSingleton("sandbox.oauth-grants", () => new Map<string, Grant>());

/** Records what the user approved on the consent page; codes and tokens point here. */
export function createGrant(fields: Omit<Grant, "id" | "revokedAt">): Grant {
  const grant: Grant = { ...fields, id: randomToken() };
  grants.set(grant.id, grant);
  return grant;
}

export function findGrant(id: string): Grant | undefined {
  return grants.get(id);
}

/** Ends every token of the grant at once: revocation and code replay both come here. */
export function revokeGrant(id: string, now = Date.now()): void {
  const grant = grants.get(id);
  if (grant && grant.revokedAt === undefined) grant.revokedAt = now;
}

/** The unrevoked grants of a client, newest first: the sandbox has one user, so they are theirs. */
function liveGrants(clientId: string): Grant[] {
  return [...grants.values()]
    .filter((g) => g.clientId === clientId && g.revokedAt === undefined)
    .reverse();
}

export function latestLiveGrant(clientId: string): Grant | undefined {
  return liveGrants(clientId)[0];
}

/**
 * The account an earlier `account=new` made for the client, while a live grant shares it: the
 * app asking for more with `account=new` is given it again, not another one (it would lose
 * what it had). Once every grant holding it is revoked, a new one is made. (Coinbase's docs
 * no longer say what a second `account=new` does: SPEC §4.)
 */
export function liveAppAccountId(clientId: string): string | undefined {
  return liveGrants(clientId)
    .flatMap((g) => g.accountIds)
    .find(isAppAccount);
}
