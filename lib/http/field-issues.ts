import type { z } from "zod";
import type { FieldIssue } from "./app-error";

/** Flattens zod issues into the envelope's `issues` list ("addresses.0.address"). */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: issue.message,
  }));
}
