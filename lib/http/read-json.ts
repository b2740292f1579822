import "server-only";
import type { z } from "zod";
import { AppError } from "./app-error";
import { toFieldIssues } from "./field-issues";
import { readCappedBody } from "./read-capped";

export const MAX_BODY_BYTES = 16 * 1024;

const utf8 = new TextDecoder();

/**
 * Reads a JSON body and validates it. 415 for another content type, 413 past 16 KB
 * (counted while streaming, so a lying Content-Length does not help), 400 for bad JSON
 * or a body the schema refuses.
 */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new AppError(
      "unsupported_media_type",
      "Send the body as JSON with Content-Type: application/json",
    );
  }
  const text = utf8.decode(await readCappedBody(request, MAX_BODY_BYTES));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", "The body is not valid JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new AppError("invalid_request", "Some fields are missing or invalid", {
      issues: toFieldIssues(parsed.error),
    });
  }
  return parsed.data;
}
