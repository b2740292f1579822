import "server-only";
import type { z } from "zod";
import { getConfig } from "@/lib/config/env";
import { upstreamError } from "@/lib/http/upstream-errors";
import { log } from "@/lib/log/logger";
import { cdpRequestOnThread } from "./cdp-thread";
import { cdpRequest } from "./client";
import { getCdpSigningKey } from "./signing-key";

/**
 * A CDP call with the app's key and base URL, its answer checked against `schema`. The
 * call itself (JWT, HTTP, error mapping) runs on the CDP thread (see cdp-thread.ts), except
 * under `next dev`: a thread keeps the code it started with, and edits must apply at once.
 */
export async function cdpCall<S extends z.ZodType>(
  schema: S,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<z.infer<S>> {
  const { ramp, upstreamTimeoutMs: timeoutMs, isDevelopment } = getConfig();
  const baseUrl = ramp.cdpApiBaseUrl;
  const answer = isDevelopment
    ? await cdpRequest({ baseUrl, key: getCdpSigningKey(), timeoutMs }, method, path, body)
    : await cdpRequestOnThread({ baseUrl, timeoutMs, method, path, body });
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    log("warn", "cdp_unexpected_shape", { path: path.split("?")[0] });
    throw upstreamError();
  }
  return parsed.data;
}
