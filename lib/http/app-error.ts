/**
 * The one error type of the app. `code` is stable (partners branch on it) and decides the
 * HTTP status (one table, below); `message` is safe to show a user. Internals never go in
 * here: they are logged where they happen.
 */
export const STATUS_BY_CODE = {
  invalid_request: 400,
  upstream_rejected: 400,
  invalid_grant: 400,
  invalid_code: 400,
  code_expired: 400,
  network_not_tradable: 400,
  phone_verification_expired: 400,
  email_verification_expired: 400,
  verification_expired: 400,
  verification_invalid: 400,
  verification_required: 400,
  verification_mismatch: 400,
  invalid_two_factor: 400,
  two_factor_expired: 400,
  insufficient_funds: 400,
  invalid_address: 400,
  sign_in_required: 401,
  not_connected: 401,
  invalid_signature: 401,
  two_factor_required: 402,
  forbidden_origin: 403,
  insufficient_scope: 403,
  send_limit_exceeded: 403,
  send_limit_unknown: 403,
  code_locked: 403,
  guest_region_forbidden: 403,
  guest_permission_denied: 403,
  guest_terms_required: 403,
  not_found: 404,
  verification_not_found: 404,
  method_not_allowed: 405,
  account_changed: 409,
  order_paid: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  guest_transaction_limit: 429,
  guest_transaction_count: 429,
  internal_error: 500,
  upstream_auth: 502,
  upstream_error: 502,
  upstream_busy: 503,
  store_unavailable: 503,
  database_unavailable: 503,
  email_unavailable: 503,
  webhooks_not_configured: 503,
  connect_not_configured: 503,
  upstream_timeout: 504,
} as const;

export type ErrorCode = keyof typeof STATUS_BY_CODE;

export interface FieldIssue {
  path: string;
  message: string;
}

export interface AppErrorOptions {
  issues?: FieldIssue[];
  retryAfterSeconds?: number;
  /** The methods a route takes, for the `Allow` header of a 405. */
  allow?: readonly string[];
  /**
   * An upstream call that provably never reached Coinbase (its connection refused, its host
   * not found): nothing was done there. A guest order says so (lib/guest/order-failure.ts).
   */
  neverSent?: boolean;
}

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: AppErrorOptions = {},
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS_BY_CODE[code];
  }
}

/**
 * Whether `error` is one of ours. Not `instanceof`: each Next.js bundle has its own copy of
 * the class, and an error made in one bundle (a shared cache's load, say) is often thrown
 * in another. Recognised by its name and a code of the table instead.
 */
export function isAppError(error: unknown): error is AppError {
  if (!(error instanceof Error) || error.name !== "AppError") return false;
  const { code } = error as { code?: unknown };
  return typeof code === "string" && Object.hasOwn(STATUS_BY_CODE, code);
}

export interface ErrorEnvelope {
  error: { code: string; message: string; issues?: FieldIssue[] };
}
