/**
 * The one error type of the app. `code` is stable (partners branch on it), `status`
 * is the HTTP status, `message` is safe to show a user. Internals never go in here:
 * they are logged where they happen.
 */
export type ErrorCode =
  | "invalid_request"
  | "payload_too_large"
  | "unsupported_media_type"
  | "upstream_auth"
  | "upstream_rejected"
  | "upstream_busy"
  | "upstream_error"
  | "upstream_timeout"
  | "invalid_grant"
  | "not_connected"
  | "insufficient_scope"
  | "forbidden_origin"
  | "rate_limited"
  | "not_found"
  | "internal_error";

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly options: { issues?: FieldIssue[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export interface ErrorEnvelope {
  error: { code: string; message: string; issues?: FieldIssue[] };
}
