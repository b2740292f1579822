// Types for what the tests import from fault-upstream-answers.mjs.

/** The ids of the accounts /v2/accounts lists, the same on every call. */
export declare const ACCOUNT_IDS: { BTC: string; USDC: string };

export declare function okAnswer(
  method: string,
  url: URL,
  body: string,
): { status: number; body: unknown; headers?: Record<string, string> };

export declare function errorBody(
  path: string,
  status: number,
  message?: string,
  errorType?: string,
): unknown;
