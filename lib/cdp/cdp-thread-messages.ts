import { AppError, type ErrorCode } from "@/lib/http/app-error";

/** What crosses between the serving thread and the CDP thread (cdp-thread.ts, cdp-worker.ts). */

export interface CdpCall {
  id: number;
  /** The request being served, so the thread's log lines carry its id. */
  requestId?: string;
  baseUrl: string;
  timeoutMs: number;
  method: "GET" | "POST";
  path: string;
  body?: unknown;
}

/** An AppError as it crosses between threads (structured clone keeps no class). */
export interface CdpCallError {
  code: ErrorCode;
  status: number;
  message: string;
  options: AppError["options"];
}

/** `error: null`: something other than an AppError, logged on the CDP thread. */
export type CdpReply =
  { id: number; ok: true; body: unknown } | { id: number; ok: false; error: CdpCallError | null };

export function toCallError({ code, status, message, options }: AppError): CdpCallError {
  return { code, status, message, options };
}

export function toAppError({ code, status, message, options }: CdpCallError): AppError {
  return new AppError(code, status, message, options);
}
