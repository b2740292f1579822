import { randomBytes } from "node:crypto";
import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import type { RampTransaction } from "../../lib/ramp/transactions";
import { PARTNER_RETURN_ORIGIN } from "./e2e-servers";
import { TEST_SECRETS, secretsIn } from "./test-secrets";

export const EVM_ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7";
/** A quote every region-aware check accepts: 25 USD of USDC on Base, by card, in New York. */
export const VALID_QUOTE = {
  side: "buy",
  asset: "USDC",
  network: "base",
  amount: "25",
  amountIn: "fiat",
  fiatCurrency: "USD",
  method: "CARD",
  country: "US",
  subdivision: "NY",
};
export const VALID_ONRAMP = {
  address: EVM_ADDRESS,
  network: "base",
  asset: "USDC",
  fiatAmount: "25",
};

/**
 * A partner's server calling the live server's HTTP API: its key (API_KEYS) in the
 * Authorization header, and its own signed-in user named in `partnerUserRef`.
 */
/**
 * The fetch metadata a phone's browser sends when its user opens a link (from the camera, a
 * mail, a chat): a hand-off link opened so still only shows the page that asks first.
 */
export const OPENED_BY_USER = {
  "sec-fetch-mode": "navigate",
  "sec-fetch-dest": "document",
  "sec-fetch-site": "none",
};

export const PARTNER_AUTH = { authorization: `Bearer ${TEST_SECRETS.API_KEYS}` };
export const PARTNER_USER_REF = "partner-user-1";
/** Where a partner's server sends its user back: required with an API key. */
export const PARTNER_RETURN_PAGE = `${PARTNER_RETURN_ORIGIN}/purchases`;
export const PARTNER_ONRAMP = {
  ...VALID_ONRAMP,
  partnerUserRef: PARTNER_USER_REF,
  redirectUrl: PARTNER_RETURN_PAGE,
};

/**
 * A fresh public IP for `X-Forwarded-For`, so the live server's per-client rate limit does not
 * interfere with what a test is about. IPv6 documentation space (2001:db8::/32): the app
 * counts it as public and it has room for every request of a run. The rate limit counts an
 * IPv6 client by its /64, so the random part starts inside the first 64 bits (groups 3 and 4):
 * each address is in a /64 of its own.
 */
export function uniquePublicIp(): string {
  const group = () => randomBytes(2).toString("hex");
  const network = `2001:db8:${group()}:${group()}`; // the /64
  return `${network}:${group()}:${group()}:${group()}:${group()}`;
}

export interface ErrorEnvelope {
  error: { code: string; message: string; issues?: Array<{ path: string; message: string }> };
}

/** Why `body` is not exactly the app's error envelope, or null when it is. */
export function envelopeProblem(body: unknown): string | null {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "not an object";
  if (Object.keys(body).join() !== "error")
    return `keys ${Object.keys(body).join()} instead of "error"`;
  const error = (body as { error: unknown }).error;
  if (typeof error !== "object" || error === null) return "error is not an object";
  const { code, message, issues, ...rest } = error as Record<string, unknown>;
  if (typeof code !== "string" || !code) return "error.code is not a string";
  if (typeof message !== "string" || !message) return "error.message is not a string";
  if (Object.keys(rest).length) return `unexpected fields ${Object.keys(rest).join()}`;
  if (issues === undefined) return null;
  if (!Array.isArray(issues)) return "error.issues is not an array";
  const bad = issues.find(
    (i) =>
      typeof i?.path !== "string" || typeof i?.message !== "string" || Object.keys(i).length !== 2,
  );
  return bad === undefined
    ? null
    : `an issue is not {path, message}: ${JSON.stringify(bad).slice(0, 200)}`;
}

/** Mints a buy URL for the context's signed-in user, as the form does: its ledger row is `started`. */
export async function mintBuy(request: APIRequestContext, data: Record<string, string>) {
  const minted = await request.post("/api/onramp", { data });
  expect(minted.status(), await minted.text()).toBe(200);
  return (await minted.json()) as { url: string; transactionId: string };
}

/** The context's signed-in user's purchases, newest first, as `/api/transactions` lists them. */
export async function buysOf(request: APIRequestContext): Promise<RampTransaction[]> {
  const response = await request.get("/api/transactions?side=buy");
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { transactions: RampTransaction[] }).transactions;
}

/** Asserts `body` is exactly the app's error envelope and returns it typed. */
export function expectEnvelope(body: unknown): ErrorEnvelope {
  expect(envelopeProblem(body), JSON.stringify(body).slice(0, 500)).toBeNull();
  return body as ErrorEnvelope;
}

/** The response's status and error code, after checking the envelope. */
export async function errorOf(response: APIResponse): Promise<{ status: number; code: string }> {
  return { status: response.status(), code: expectEnvelope(await response.json()).error.code };
}

/** Traces of internals that must never reach a client. */
export const LEAK_PATTERNS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: "stack frame", pattern: / {4}at / },
  { name: "node_modules path", pattern: /node_modules/ },
  { name: "error with a stack", pattern: /Error:[^\n]*\n\s+at / },
];

/** What in `text` must not be shown to a client: traces of internals and test secrets, by name. */
export function leaksIn(text: string): string[] {
  return [
    ...LEAK_PATTERNS.filter(({ pattern }) => pattern.test(text)).map(({ name }) => name),
    ...secretsIn(text),
  ];
}
