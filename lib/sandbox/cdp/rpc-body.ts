import "server-only";
import type { z } from "zod";
import { rpcStatus } from "./rpc-status";

/**
 * A CDP request's JSON body, checked against `schema`; when it does not pass, the 400
 * Coinbase sends, naming the first field at fault.
 */
export async function readRpcBody<T>(
  request: Request,
  schema: z.ZodType<T>,
): Promise<{ ok: true; data: T } | { ok: false; response: Response }> {
  const body: unknown = await request.json().catch(() => undefined);
  if (body === undefined) return { ok: false, response: rpcStatus(400, "invalid JSON body") };
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.join(".");
  const message = !field
    ? "the request body must be a JSON object"
    : issue?.code === "invalid_type"
      ? `${field} is missing or of the wrong type`
      : `${field}: ${issue?.message}`;
  return { ok: false, response: rpcStatus(400, message) };
}
