// What tests/support/fault-upstream.mjs answers for each Coinbase endpoint the app calls:
// successes in the shapes the app parses (lib/cdp/*-api.ts, lib/oauth/token-client.ts and
// coinbase-api.ts; lib/sandbox/ answers the same way), and each host's own error body.
import { randomBytes, randomUUID } from "node:crypto";

/**
 * The success for `method path`, or a 404 in the host's error shape for anything the app
 * never calls (so a test that reaches a wrong path notices). `body` is the request's text.
 */
export function okAnswer(method, url, body) {
  const path = url.pathname;
  const route = ROUTES.find((r) => r.method === method && r.path.test(path));
  if (!route) return { status: 404, body: errorBody(path, 404, `no such endpoint: ${path}`) };
  return route.answer({ url, path, match: route.path.exec(path), input: parseBody(body) });
}

const money = (value, currency) => ({ value, currency });
const random = () => randomBytes(12).toString("base64url");

const BUY_LIMITS = [
  { id: "CARD", min: "2.00", max: "7500.00" },
  { id: "ACH_BANK_ACCOUNT", min: "1.00", max: "25000.00" },
];
const SELL_LIMITS = [{ id: "FIAT_WALLET", min: "1.00", max: "50000.00" }];
const ASSETS = [
  { symbol: "USDC", name: "USD Coin", networks: ["base", "ethereum", "solana"] },
  { symbol: "ETH", name: "Ethereum", networks: ["ethereum", "base"] },
];
const listed = () =>
  ASSETS.map((a) => ({
    id: randomUUID(),
    name: a.name,
    symbol: a.symbol,
    networks: a.networks.map((name) => ({
      name,
      display_name: name,
      chain_id: "",
      contract_address: "",
    })),
  }));
const SCOPES = ["wallet:user:read", "wallet:accounts:read"];
// The grant /v2/user/auth reports: sending too, up to a limit (no transactions:read, so the
// app checks nothing against past sends and asks Coinbase for no lists).
const GRANTED = [...SCOPES, "wallet:transactions:send"];
const SEND_LIMIT = {
  send_limit_amount: "1000.00",
  send_limit_currency: "USD",
  send_limit_period: "month",
};
// Fixed ids: the account a test sends from is the one /v2/accounts listed a call earlier.
export const ACCOUNT_IDS = {
  BTC: "8a5e2f9c-0a4b-4f5e-9d1b-3c6a7e2b1f40",
  USDC: "2b7c4d1e-6f3a-4e8b-a9c0-5d1e7f3a2b61",
};

const ROUTES = [
  {
    method: "POST",
    path: /^\/onramp\/v1\/token$/,
    answer: () => ok({ token: `t-${random()}`, channelId: "" }),
  },
  {
    method: "GET",
    path: /^\/onramp\/v1\/buy\/options$/,
    answer: () =>
      ok({
        payment_currencies: [{ id: "USD", limits: BUY_LIMITS }],
        purchase_currencies: listed(),
      }),
  },
  {
    method: "GET",
    path: /^\/onramp\/v1\/sell\/options$/,
    answer: () =>
      ok({ cashout_currencies: [{ id: "USD", limits: SELL_LIMITS }], sell_currencies: listed() }),
  },
  {
    method: "POST",
    path: /^\/onramp\/v1\/buy\/quote$/,
    answer: ({ input }) => {
      const fiat = input.payment_currency ?? "USD";
      const total = Number(input.payment_amount ?? 25);
      const fee = Math.round(total * 5) / 100; // 5%: plainly not a real price
      return ok({
        quote_id: `q-${random()}`,
        payment_total: money(total.toFixed(2), fiat),
        payment_subtotal: money((total - fee).toFixed(2), fiat),
        purchase_amount: money((total - fee).toFixed(2), input.purchase_currency ?? "USDC"),
        coinbase_fee: money(fee.toFixed(2), fiat),
        network_fee: money("0.00", fiat),
      });
    },
  },
  {
    method: "POST",
    path: /^\/onramp\/v1\/sell\/quote$/,
    answer: ({ input }) => {
      const fiat = input.cashout_currency ?? "USD";
      const amount = Number(input.sell_amount ?? 10);
      return ok({
        quote_id: `q-${random()}`,
        sell_amount: money(String(amount), input.sell_currency ?? "USDC"),
        cashout_total: money((amount * 0.985).toFixed(2), fiat),
        cashout_subtotal: money(amount.toFixed(2), fiat),
        coinbase_fee: money((amount * 0.015).toFixed(2), fiat),
      });
    },
  },
  {
    method: "GET",
    path: /^\/onramp\/v1\/(buy|sell)\/user\/([^/]+)\/transactions$/,
    answer: ({ match }) =>
      ok({ transactions: [transaction(match[1], match[2])], next_page_key: "", total_count: "1" }),
  },
  {
    method: "POST",
    path: /^\/oauth2\/token$/,
    answer: () =>
      ok({
        access_token: `at-${random()}`,
        token_type: "bearer",
        expires_in: 3600,
        refresh_token: `rt-${random()}`,
        scope: SCOPES.join(" "),
      }),
  },
  { method: "POST", path: /^\/oauth2\/revoke$/, answer: () => ok({}) },
  {
    // The user says yes at once: back to the app with a code, as Coinbase's consent page does.
    method: "GET",
    path: /^\/oauth2\/auth$/,
    answer: ({ url, path }) => {
      const redirectUri = url.searchParams.get("redirect_uri");
      if (!URL.canParse(redirectUri ?? ""))
        return { status: 400, body: errorBody(path, 400, "redirect_uri is required") };
      const back = new URL(redirectUri);
      back.searchParams.set("code", `code-${random()}`);
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      return { status: 302, headers: { location: back.toString() }, body: {} };
    },
  },
  {
    method: "GET",
    path: /^\/v2\/user$/,
    answer: () =>
      ok({
        data: {
          id: "9da7a204-544e-5fd1-9a12-61176c5d4cd8",
          name: "Fault Upstream User",
          username: "faultupstream",
          email: "user@example.test",
          resource: "user",
          resource_path: "/v2/user",
        },
      }),
  },
  {
    method: "GET",
    path: /^\/v2\/user\/auth$/,
    answer: () => ok({ data: { method: "oauth", scopes: GRANTED, oauth_meta: SEND_LIMIT } }),
  },
  {
    method: "GET",
    path: /^\/v2\/accounts$/,
    answer: () =>
      ok({
        pagination: {
          ending_before: null,
          starting_after: null,
          limit: 100,
          order: "desc",
          previous_uri: null,
          next_uri: null,
        },
        data: [account("BTC", "Bitcoin", "0.50000000"), account("USDC", "USD Coin", "1250.000000")],
      }),
  },
  {
    method: "GET",
    path: /^\/v2\/prices\/([A-Za-z]+)-([A-Z]+)\/spot$/,
    answer: ({ match }) => ok({ data: { amount: "1.00", base: match[1], currency: match[2] } }),
  },
  {
    // A send: Coinbase accepts it (pending); no two-step code is asked for.
    method: "POST",
    path: /^\/v2\/accounts\/([^/]+)\/transactions$/,
    answer: ({ input }) =>
      created({ data: sent(randomUUID(), input.amount, input.currency, input.to, "pending") }),
  },
  {
    method: "GET",
    path: /^\/v2\/accounts\/([^/]+)\/transactions\/([^/]+)$/,
    answer: ({ match }) => ok({ data: sent(match[2], "10", "USDC", EVM_TO, "completed") }),
  },
  // Coinbase's v2 onramp API on the CDP platform host (cdp-v2-onramp-webhooks.openapi.yaml):
  // every code is right, every phone has its whole guest limit left.
  {
    method: "POST",
    path: /^\/platform\/v2\/onramp\/verifications$/,
    answer: () =>
      ok({
        verificationId: randomUUID(),
        otpExpiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      }),
  },
  {
    method: "POST",
    path: /^\/platform\/v2\/onramp\/verifications\/([^/]+)\/submit$/,
    answer: ({ match }) =>
      ok({
        verificationId: decodeURIComponent(match[1]),
        verificationExpiresAt: new Date(Date.now() + 60 * 86_400_000).toISOString(),
      }),
  },
  {
    method: "POST",
    path: /^\/platform\/v2\/onramp\/limits$/,
    answer: () =>
      ok({
        limits: [
          { limitType: "weekly_spending", currency: "USD", limit: "500.00", remaining: "500.00" },
          { limitType: "lifetime_transactions", limit: "15", remaining: "15" },
        ],
      }),
  },
  {
    method: "POST",
    path: /^\/platform\/v2\/onramp\/limits\/upgrade$/,
    answer: () =>
      ok({
        upgradeUrl: `https://pay.example.test/v2/api-onramp/upgrade-limits?sessionToken=${randomUUID()}`,
        expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
      }),
  },
  {
    method: "POST",
    path: /^\/platform\/v2\/onramp\/orders$/,
    answer: ({ input }) => {
      const placed = order(randomUUID(), input);
      if (input.isQuote) return ok({ order: placed });
      const type = String(input.paymentMethod ?? "").includes("GOOGLE") ? "GOOGLE" : "APPLE";
      return ok({
        order: placed,
        paymentLink: {
          url: `https://pay.example.test/v2/guest/onramp?orderId=${placed.orderId}`,
          paymentLinkType: `PAYMENT_LINK_TYPE_${type}_PAY_BUTTON`,
        },
      });
    },
  },
  {
    method: "GET",
    path: /^\/platform\/v2\/onramp\/orders\/([^/]+)$/,
    answer: ({ match }) => ok({ order: order(decodeURIComponent(match[1]), {}) }),
  },
];

const EVM_TO = "0x4838B106FCe9647Bdf1E7877BF73cE8B0BAD5f97";

function created(body) {
  return { status: 201, body };
}

function sent(id, amount, currency, to, status) {
  return {
    id,
    type: "send",
    status,
    amount: { amount: `-${amount}`, currency },
    native_amount: { amount: `-${amount}`, currency: "USD" },
    created_at: new Date().toISOString(),
    to: { resource: "address", address: to },
    network: { status, network_name: "base" },
  };
}

/** A guest order as the v2 API has it: a 5% fee, plainly not a real price. */
function order(orderId, input) {
  const total = Number(input.paymentAmount ?? 25);
  const fee = Math.round(total * 5) / 100;
  const now = new Date().toISOString();
  return {
    orderId,
    status: "ONRAMP_ORDER_STATUS_PENDING_PAYMENT",
    paymentTotal: total.toFixed(2),
    paymentSubtotal: (total - fee).toFixed(2),
    paymentCurrency: "USD",
    purchaseAmount: (total - fee).toFixed(2),
    purchaseCurrency: input.purchaseCurrency ?? "USDC",
    fees: [{ type: "FEE_TYPE_EXCHANGE", amount: fee.toFixed(2), currency: "USD" }],
    exchangeRate: "1",
    destinationAddress: input.destinationAddress ?? EVM_TO,
    destinationNetwork: input.destinationNetwork ?? "base",
    createdAt: now,
    updatedAt: now,
    ...(input.partnerUserRef ? { partnerUserRef: input.partnerUserRef } : {}),
  };
}

function ok(body) {
  return { status: 200, body };
}

function transaction(side, ref) {
  const common = {
    status: "ONRAMP_TRANSACTION_STATUS_SUCCESS",
    transaction_id: randomUUID(),
    partner_user_ref: decodeURIComponent(ref),
    tx_hash: `0x${randomBytes(32).toString("hex")}`,
    created_at: new Date(Date.now() - 60_000).toISOString(),
    completed_at: new Date().toISOString(),
  };
  if (side === "buy") {
    return {
      ...common,
      purchase_currency: "USDC",
      purchase_network: "base",
      purchase_amount: money("23.76", "USDC"),
      payment_total: money("25.00", "USD"),
      payment_method: "CARD",
      wallet_address: "0x52908400098527886E0F7030069857D2E4169EE7",
    };
  }
  return {
    ...common,
    asset: "USDC",
    network: "base",
    sell_amount: money("10", "USDC"),
    total: money("9.85", "USD"),
    cashout_method: "FIAT_WALLET",
    from_address: "0x52908400098527886E0F7030069857D2E4169EE7",
    to_address: "0x4838B106FCe9647Bdf1E7877BF73cE8B0BAD5f97",
  };
}

function account(code, name, amount) {
  const id = ACCOUNT_IDS[code];
  return {
    id,
    name: `${code} Wallet`,
    primary: code === "BTC",
    type: "wallet",
    currency: { code, name },
    balance: { amount, currency: code },
    resource: "account",
    resource_path: `/v2/accounts/${id}`,
  };
}

// Each host's reasons, by status: the app reads some of them (an OAuth `error`, a CDP `message`).
const REASONS = {
  400: {
    platform: ["invalid_request", "The request is invalid"],
    cdp: [3, "addresses[0].address is not valid for the network"],
    oauth: ["invalid_grant", "The provided authorization grant is invalid, expired or revoked"],
    api: ["invalid_request", "The request is invalid"],
  },
  401: {
    platform: ["unauthorized", "Unauthorized"],
    cdp: [16, "unauthenticated"],
    oauth: ["invalid_client", "Client authentication failed"],
    api: ["invalid_token", "The access token is invalid"],
  },
  403: {
    platform: ["forbidden", "Forbidden"],
    cdp: [7, "permission denied"],
    oauth: ["access_denied", "The resource owner or authorization server denied the request"],
    api: ["invalid_scope", "Invalid scope"],
  },
  404: {
    cdp: [5, "not found"],
    platform: ["not_found", "Not found"],
    oauth: ["not_found", "Not found"],
    api: ["not_found", "Not found"],
  },
  429: {
    platform: ["rate_limit_exceeded", "Too many requests"],
    cdp: [8, "rate limit exceeded"],
    oauth: ["rate_limit_exceeded", "Too many requests"],
    api: ["rate_limit_exceeded", "Too many requests"],
  },
  500: {
    platform: ["internal_server_error", "Internal error"],
    cdp: [13, "internal error"],
    oauth: ["server_error", "Internal error"],
    api: ["internal_server_error", "Internal error"],
  },
  503: {
    platform: ["service_unavailable", "Try again later"],
    cdp: [14, "unavailable"],
    oauth: ["temporarily_unavailable", "Try again later"],
    api: ["service_unavailable", "Try again later"],
  },
};

/**
 * The error body each host sends: CDP a google.rpc.Status (its v2 platform APIs
 * `{errorType, errorMessage, correlationId}`), login.coinbase.com an OAuth error
 * (RFC 6749 §5.2), api.coinbase.com `{errors: [{id, message}]}`. `errorType` replaces the
 * v2 APIs' type for the status (a documented one: `guest_region_forbidden`…), and the OAuth
 * `error` (`token_inactive`, say).
 */
export function errorBody(path, status, message, errorType) {
  const reasons = REASONS[status] ?? REASONS[500];
  if (path.startsWith("/platform/")) {
    const [type, text] = reasons.platform;
    return {
      errorType: errorType ?? type,
      errorMessage: message ?? text,
      correlationId: randomUUID(),
    };
  }
  if (path.startsWith("/oauth2/")) {
    const [error, description] = reasons.oauth;
    return { error: errorType ?? error, error_description: message ?? description };
  }
  if (path.startsWith("/v2/")) {
    const [id, text] = reasons.api;
    return { errors: [{ id, message: message ?? text }] };
  }
  const [code, text] = reasons.cdp;
  return { code, message: message ?? text, details: [] };
}

function parseBody(text) {
  if (!text) return {};
  try {
    const parsed = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? parsed : {};
  } catch {
    return Object.fromEntries(new URLSearchParams(text));
  }
}
