import "server-only";
import { processSingleton } from "@/lib/process/singleton";
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

/** The newest unrevoked grant of a client: the sandbox has one user, so it is theirs. */
export function latestLiveGrant(clientId: string): Grant | undefined {
  return [...grants.values()]
    .filter((g) => g.clientId === clientId && g.revokedAt === undefined)
    .at(-1);
}
