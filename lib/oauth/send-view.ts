import "server-only";
import { getConfig } from "@/lib/config/env";
import { isAppError } from "@/lib/http/app-error";
import { log } from "@/lib/log/logger";
import { ASSETS } from "@/lib/ramp/catalog";
import type { CoinbaseAccount, CoinbaseAuthInfo } from "./coinbase-api";
import { SEND_SCOPE } from "./scopes";
import { SANDBOX_USER_EMAIL } from "./sandbox-user";
import { grantedLimit, loadSendBudget, type SendBudget } from "./send-budget";
import { spotPrice } from "./transactions-api";

/** What the send form on /account needs: the accounts it can send from, the limit, prices. */
export interface SendView {
  accounts: { id: string; name: string; currency: string; balance: string; networks: string[] }[];
  budget?: SendBudget;
  /** One unit of each account's currency in the limit's currency: the form's "about" line. */
  prices: Record<string, string>;
  /** Where the two-step code arrives, said only in sandbox mode (Coinbase says it itself). */
  codeHint?: string;
}

export async function loadSendView(
  accessToken: string,
  auth: CoinbaseAuthInfo,
  accounts: CoinbaseAccount[],
): Promise<SendView | undefined> {
  if (!auth.scopes.includes(SEND_SCOPE)) return undefined;
  const sendable = accounts.flatMap((a) => {
    const asset = ASSETS.find((x) => x.symbol === a.currency);
    return asset
      ? [
          {
            id: a.id,
            name: a.name,
            currency: a.currency,
            balance: a.balance.amount,
            networks: [...asset.networks],
          },
        ]
      : [];
  });
  const budget = await loadSendBudget(accessToken, auth, accounts).catch((error: unknown) =>
    budgetUnread(auth, error),
  );
  const fiat = budget?.limit.currency;
  const currencies = [...new Set(sendable.map((a) => a.currency))];
  const prices = fiat ? await pricesIn(accessToken, currencies, fiat) : {};
  const codeHint =
    getConfig().oauth.mode === "sandbox"
      ? `Sandbox: the code is mailed to the Coinbase sandbox user, ${SANDBOX_USER_EMAIL}, and lands in the sandbox inbox.`
      : undefined;
  return { accounts: sendable, budget, prices, codeHint };
}

/**
 * The period's sends could not be read now (Coinbase busy or slow, the pages refused): the
 * form shows the limit with no figure left, and the balances, the send form and Disconnect
 * stay up. The server checks again when sending. A session that ended is said as such.
 */
function budgetUnread(auth: CoinbaseAuthInfo, error: unknown): SendBudget | undefined {
  if (isAppError(error) && error.code === "not_connected") throw error;
  log("warn", "send_budget_unavailable", { code: isAppError(error) ? error.code : "unknown" });
  const limit = grantedLimit(auth);
  return limit && { limit, uncounted: "unread" };
}

/**
 * Each currency's spot price in the limit's currency. A price Coinbase cannot give now is
 * left out: the form then skips its "about" check (the server checks again when sending),
 * and the balances and the rest of /account stay up.
 */
async function pricesIn(accessToken: string, currencies: string[], fiat: string) {
  const prices: Record<string, string> = {};
  await Promise.all(
    currencies.map(async (currency) => {
      try {
        prices[currency] = await spotPrice(accessToken, currency, fiat);
      } catch (error) {
        const code = isAppError(error) ? error.code : "unknown";
        log("warn", "spot_price_unavailable", { currency, fiat, code });
      }
    }),
  );
  return prices;
}
