import "server-only";
import type { z } from "zod";
import { AppError } from "./app-error";
import { toFieldIssues } from "./field-issues";

/** Validates a request's query string (single values; repeated names keep the last). */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    throw new AppError("invalid_request", "Some parameters are missing or invalid", {
      issues: toFieldIssues(parsed.error),
    });
  }
  return parsed.data;
}
