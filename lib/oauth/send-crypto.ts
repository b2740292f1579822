import "server-only";
import { loggableMessage } from "@/lib/db/database-errors";
import { AppError, isAppError } from "@/lib/http/app-error";
import { log } from "@/lib/log/logger";
import { ASSETS } from "@/lib/ramp/catalog";
import { checkAddress } from "@/lib/ramp/addresses";
import { moneyAmount } from "@/lib/ramp/money-text";
import {
  getAuthInfo,
  listAccounts,
  type CoinbaseAccount,
  type CoinbaseAuthInfo,
} from "./coinbase-api";
import { recordAppSend, rememberSendId } from "./app-sends";
import { SEND_SCOPE } from "./scopes";
import { oneSendAtATime, type SendTurn } from "./send-lock";
import { loadSendBudget } from "./send-budget";
import {
  PERIOD_MS,
  fromCents,
  isMoreThan,
  toCents,
  tooManyDecimals,
  valueInCents,
} from "./send-limit";
import { EMAIL } from "./recipient";
import type { SendInput } from "./send-schema";
import {
  listTransactionsSince,
  noPriceFor,
  postSend,
  spotPrice,
  type CoinbaseTransaction,
} from "./transactions-api";

/**
 * A send from /account. Everything is checked against the grant as Coinbase holds it
 * (scopes, shared accounts, the limit) before anything is sent: the account, the address
 * for its network, the balance, and what is left of the limit (over its rolling window). Then
 * one POST; with the two-step code, the identical POST again. The same `idem` is the same send:
 * Coinbase makes it once, and answers a repeat with it. One send at a time per connection
 * (send-lock.ts): a second one is checked once the first was posted, counting it.
 */
export async function sendCrypto(
  accessToken: string,
  input: SendInput,
  now?: number,
): Promise<CoinbaseTransaction> {
  return oneSendAtATime(accessToken, (turn) =>
    checkAndSend(accessToken, input, now ?? Date.now(), turn),
  );
}

async function checkAndSend(
  accessToken: string,
  input: SendInput,
  now: number,
  turn: SendTurn,
): Promise<CoinbaseTransaction> {
  const auth = await getAuthInfo(accessToken);
  if (!auth.scopes.includes(SEND_SCOPE)) {
    throw new AppError(
      "insufficient_scope",
      "You did not let this app send: ask for more permissions",
    );
  }
  const accounts = await listAccounts(accessToken);
  const account = accounts.find((a) => a.id === input.accountId);
  if (!account) throw new AppError("invalid_request", "Choose one of the accounts you shared");
  const asset = ASSETS.find((a) => a.symbol === account.currency);
  if (!asset || !(asset.networks as readonly string[]).includes(input.network)) {
    throw new AppError("invalid_request", `${account.currency} cannot be sent on that network`);
  }
  checkRecipient(input.network, input.to);
  const decimals = tooManyDecimals(input.amount, account.currency);
  if (decimals) {
    throw new AppError("invalid_request", decimals, {
      issues: [{ path: "amount", message: decimals }],
    });
  }
  try {
    checkBalance(account, input.amount);
    await checkWithinLimit(accessToken, auth, accounts, account, input.amount, now);
  } catch (refusal) {
    // The same attempt again (its answer was lost: a timeout, a dropped connection) finds its
    // own send already taken from the balance and the limit: that send is the answer, not a
    // refusal that would have the user send a second time.
    if (!isAppError(refusal) || !REFUSED_FOR_WHAT_IS_LEFT.has(refusal.code)) throw refusal;
    const earlier = await sendMadeBy(accessToken, account.id, input.idem, now);
    if (earlier) return earlier;
    throw refusal;
  }
  const body = {
    type: "send" as const,
    to: input.to,
    amount: input.amount,
    currency: account.currency,
    network: input.network,
    idem: input.idem,
  };
  await turn.holdForPost();
  // Kept before it goes: a send whose answer is lost still counts toward the limit here.
  await recordAppSend(input.idem);
  const sent = await postSend(accessToken, account.id, body, input.twoFactorToken);
  // Its id too, should a listing leave the idem out. Sent already: a failure here is logged only.
  await rememberSendId(input.idem, sent.id).catch((error: unknown) =>
    log("warn", "send_id_not_kept", { message: loggableMessage(error) }),
  );
  return sent;
}

/** Refuses a send worth more than what is left of the granted limit (its rolling window). */
async function checkWithinLimit(
  accessToken: string,
  auth: CoinbaseAuthInfo,
  accounts: CoinbaseAccount[],
  account: CoinbaseAccount,
  amount: string,
  now: number,
) {
  const budget = await loadSendBudget(accessToken, auth, accounts, now);
  // A send this app cannot value in the limit's currency would go unchecked: not sent.
  if (!budget) return;
  const { limit } = budget;
  if (budget.uncounted === "other_currency") throw uncounted(limit.currency);
  // Past sends not read (no wallet:transactions:read, or more than can be read): at least no
  // single send over the whole limit, refused here in the app's words, not Coinbase's.
  const ceiling = budget.remainingCents ?? toCents(limit.amount);
  if (ceiling === undefined) return;
  const price = await spotPrice(accessToken, account.currency, limit.currency).catch(
    (error: unknown) => {
      throw noPriceFor(error) ? uncounted(limit.currency) : error;
    },
  );
  const value = valueInCents(amount, price) ?? Infinity;
  if (value <= ceiling) return;
  const worth = moneyAmount(fromCents(value), limit.currency);
  const allowed = moneyAmount(fromCents(ceiling), limit.currency);
  throw new AppError(
    "send_limit_exceeded",
    budget.remainingCents === undefined
      ? `This send (about ${worth}) is over your whole limit: ${allowed} a ${limit.period}`
      : `This send (about ${worth}) is over what is left of your limit: ${allowed} now`,
  );
}

/**
 * The account's send made with `idem` in the last day, if any (Coinbase keeps a send's `idem`
 * on it). Unknown when the account's transactions cannot be read: the refusal then stands.
 */
async function sendMadeBy(accessToken: string, accountId: string, idem: string, now: number) {
  const recent = await listTransactionsSince(accessToken, accountId, now - PERIOD_MS.day).catch(
    () => undefined,
  );
  return recent?.transactions.find((t) => t.idem === idem && t.type === "send");
}

// What a send made with the same `idem` would have been refused for: it counts itself there.
const REFUSED_FOR_WHAT_IS_LEFT = new Set(["insufficient_funds", "send_limit_exceeded"]);

function uncounted(currency: string) {
  return new AppError(
    "send_limit_unknown",
    `Nothing was sent: this app cannot value every send in ${currency}, the currency of your send limit, so it cannot tell what is left of it`,
  );
}

function checkRecipient(network: string, to: string) {
  if (EMAIL.test(to)) return;
  const check = checkAddress(network, to);
  if (!check.ok) throw new AppError("invalid_address", check.reason);
}

function checkBalance(account: CoinbaseAccount, amount: string) {
  if (isMoreThan(amount, account.balance.amount)) {
    throw new AppError(
      "insufficient_funds",
      `Not enough ${account.currency}: this account holds ${moneyAmount(account.balance.amount, account.currency)}`,
    );
  }
}
