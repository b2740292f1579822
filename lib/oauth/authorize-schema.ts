import "@/lib/security/jitless-zod";
import { z } from "zod";
import {
  ACCOUNT_ACCESS,
  ACCOUNT_CURRENCY_CODE,
  SCOPE_IDS,
  SEND_LIMIT_CURRENCY_CODES,
  SEND_LIMIT_PERIODS,
  SEND_SCOPE,
} from "./scopes";

const PLAIN_AMOUNT = /^\d+(\.\d+)?$/;

/**
 * The query of `GET /api/oauth/authorize`, shared with the connect form. Everything is a
 * string in a query, so lists are comma-separated and amounts are decimal strings.
 */
const commaList = (v: string) => [
  ...new Set(
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];
const optional = (v: unknown) => (v === "" || v === null ? undefined : v);

export const AuthorizeQuerySchema = z
  .object({
    scope: z
      .string({ error: "Choose at least one permission" })
      .max(2000)
      .transform(commaList)
      .pipe(
        z
          .array(
            z.string().refine((s) => SCOPE_IDS.includes(s), {
              error: (i) => `Unknown scope: ${String(i.input).slice(0, 60)}`,
            }),
          )
          .min(1, "Choose at least one permission"),
      ),
    account: z.preprocess(optional, z.enum(ACCOUNT_ACCESS.map((a) => a.id)).default("select")),
    account_currency: z.preprocess(
      optional,
      z
        .string()
        .max(200)
        .transform(commaList)
        .pipe(
          z
            .array(
              z.string().regex(ACCOUNT_CURRENCY_CODE, "Currencies are codes such as BTC or ETH"),
            )
            .min(1),
        )
        .optional(),
    ),
    send_limit_amount: z.preprocess(
      optional,
      // One check each, so that the message says what is wrong with what was typed.
      z
        .string()
        .regex(PLAIN_AMOUNT, "The send limit is an amount in figures, e.g. 50, with no commas")
        .regex(/^\d+(\.\d{1,2})?$/, "The send limit has at most two decimal places, e.g. 12.50")
        .regex(/^\d{1,9}(\.\d+)?$/, "The send limit is at most 999999999")
        .refine((v) => Number(v) > 0, "The send limit must be more than zero")
        .optional(),
    ),
    // Only currencies the app can value sends in (the form's list): a limit in another would go uncounted.
    send_limit_currency: z.preprocess(
      optional,
      z
        .enum(SEND_LIMIT_CURRENCY_CODES, {
          error: `The send limit's currency is one of ${SEND_LIMIT_CURRENCY_CODES.join(", ")}`,
        })
        .optional(),
    ),
    send_limit_period: z.preprocess(
      optional,
      z.enum(SEND_LIMIT_PERIODS, { error: "The period is day, week, month or year" }).optional(),
    ),
  })
  .superRefine((q, ctx) => {
    if (q.account_currency && q.account !== "select") {
      ctx.addIssue({
        code: "custom",
        path: ["account_currency"],
        message: "Limiting currencies needs account access “select”",
      });
    }
    const wantsSend = q.scope.includes(SEND_SCOPE);
    if (wantsSend && !q.send_limit_amount) {
      ctx.addIssue({
        code: "custom",
        path: ["send_limit_amount"],
        message: "Sending needs a send limit amount",
      });
    }
    if (wantsSend && !q.send_limit_currency) {
      ctx.addIssue({
        code: "custom",
        path: ["send_limit_currency"],
        message: "Sending needs a send limit currency",
      });
    }
  });

export type AuthorizeQuery = z.infer<typeof AuthorizeQuerySchema>;
