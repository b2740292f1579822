import "@/lib/security/jitless-zod";
import { z } from "zod";
import { compareDecimals } from "./decimal-order";

/** Digits with commas among them: "1,000", or a decimal comma the form could not read. */
const hasGrouping = (v: string) => /^[\d,]+$/.test(v) && v.includes(",");

/**
 * Amounts travel as decimal strings, as Coinbase's APIs take them, so no float rounding creeps
 * into a price. A JSON number is refused: parsed, it may already have lost digits (0.1 + 0.2
 * arrives as 0.30000000000000004, an 18-decimal ETH amount is cut), and what went to Coinbase
 * would not be what the caller wrote.
 */
export const NUMBER_REFUSED = 'must be a decimal string, e.g. "25.50", not a JSON number';

function decimalAmount(label: string, maxDecimals: number, max: number) {
  // A comma-only keypad cannot write 2.125 but as "2,125", which reads as two thousand: a
  // trailing zero ("2,1250") can only be a decimal. Crypto amounts need three decimals often.
  const commaKeypad = maxDecimals > 3 ? " (from a keypad with only a comma, add a 0: 2,1250)" : "";
  // Digits and at most one point: what is wrong with anything else is its shape, not its
  // decimals ("0.5." or "1e-3" has no decimal too many).
  const plain = /^\d+(\.\d+)?$/;
  const decimals = (v: string) => v.split(".")[1]?.length ?? 0;
  // One reason at a time: the checks of its value only once it is well written.
  const wellWritten = (v: string) => plain.test(v) && decimals(v) <= maxDecimals;
  // Compared as decimals: "1000000000.000000000000000001" read as a float is the maximum.
  const positive = (v: string) => compareDecimals(v, "0") > 0;
  const withinMax = (v: string) => compareDecimals(v, String(max)) <= 0;
  const inRange = (v: string) => wellWritten(v) && positive(v) && withinMax(v);
  const example = maxDecimals > 2 ? "0.05" : "25.50";
  return (
    z
      .string({ error: `${label} ${NUMBER_REFUSED}` })
      .transform((v) => v.trim())
      .refine((v) => v !== "", `Enter ${label.toLowerCase()}`)
      // "1,000" could be a thousand or one: ask rather than guess.
      .refine(
        (v) => !hasGrouping(v),
        `${label}: leave out thousands separators and write decimals with a dot, e.g. 1000 or 0.05${commaKeypad}`,
      )
      .refine(
        (v) => v === "" || hasGrouping(v) || plain.test(v),
        `${label} must be a plain number, e.g. ${example}: digits, and a point only between them`,
      )
      .refine(
        (v) => !plain.test(v) || decimals(v) <= maxDecimals,
        `${label} takes at most ${maxDecimals} decimal places, e.g. ${example}`,
      )
      .refine((v) => !wellWritten(v) || positive(v), `${label} must be more than zero`)
      .refine(
        (v) => !wellWritten(v) || withinMax(v),
        `${label} must be at most ${max.toLocaleString("en-US")}`,
      )
      // Zeros in front are passed on as typed: twelve figures at most, however few of them count.
      .refine(
        (v) => !inRange(v) || v.split(".")[0]!.length <= 12,
        `${label} takes at most 12 figures before the point`,
      )
  );
}

// Labels as the messages open: "Enter the amount", "The amount must be more than zero".
export const FiatAmountSchema = decimalAmount("The amount", 2, 1_000_000);
export const CryptoAmountSchema = decimalAmount("The crypto amount", 18, 1_000_000_000);
