import { z } from "zod";

/**
 * A field of an upstream answer that may be absent, or null: Coinbase writes an unset field
 * either way. Null reads as absent, so that one null among the fields we read does not make
 * the whole answer unreadable (a webhook stored as ignored, a user's transactions never synced).
 */
export const maybe = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value) => value ?? undefined);
