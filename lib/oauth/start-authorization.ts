import "server-only";
import { getConfig } from "@/lib/config/env";
import type { AuthorizeQuery } from "./authorize-schema";
import { buildAuthorizeUrl } from "./authorize-url";
import { assertConnectConfigured } from "./connect-enabled";
import { createPkcePair, createState } from "./pkce";
import { sealState, unsealStates } from "./state-cookie";

/**
 * Begins Connect: a fresh state and PKCE pair, sealed into a 10-minute cookie bound to
 * this browser, and the authorize URL that carries only the state and the challenge. The
 * sign-ins already under way in `stateCookie` (other tabs) are kept beside it. `startedBy`, the
 * app user signed in now (null for none), is sealed with it: only they can finish it.
 */
export async function startAuthorization(
  query: AuthorizeQuery,
  stateCookie?: string,
  startedBy: string | null = null,
) {
  assertConnectConfigured();
  const { authorizeUrl, clientId, redirectUri } = getConfig().oauth;
  const state = createState();
  const pkce = createPkcePair();
  const cookie = await sealState(
    {
      state,
      verifier: pkce.verifier,
      scopes: query.scope,
      account: query.account,
      // The schema takes a currency list with `select` only.
      ...(query.account_currency?.length ? { accountCurrency: query.account_currency } : {}),
      ...(startedBy ? { startedBy } : {}),
    },
    await unsealStates(stateCookie),
  );
  const url = buildAuthorizeUrl({ authorizeUrl, clientId, redirectUri }, query, {
    state,
    codeChallenge: pkce.challenge,
  });
  return { url, cookie };
}
