import fc from "fast-check";
import { EVM_ADDRESS } from "../api";

/**
 * Values a malformed request is made of: huge and odd-unicode strings, every JSON type,
 * deep nesting. Plausible values are mixed in so that some requests get past the first
 * checks and reach the deeper rules (address per network, asset per network, amounts).
 */

// prettier-ignore
const PLAUSIBLE = [
  EVM_ADDRESS, EVM_ADDRESS.toLowerCase(), "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
  "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
  "So11111111111111111111111111111111111111112",
  "base", "ethereum", "solana", "bitcoin", "litecoin", "polygon", "BASE", "base ",
  "USDC", "ETH", "BTC", "SOL", "usdc", "cbBTC",
  "25", "0", "-1", "1e3", "0.000000001", "99999999999999999999", "25.5", "NaN", "Infinity",
  "USD", "EUR", "JPY", "usd", "CARD", "ACH_BANK_ACCOUNT", "buy", "send", "user-1", "anon-x",
  "https://example.com/back", "javascript:alert(1)", "http://localhost/buy/complete",
];

// prettier-ignore
const ODD = [
  "", " ", "\u0000", "\uFEFF", "\u202E", "\uD800", "\uDFFF", "é", "😀", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "__proto__", "constructor", "prototype", "<script>alert(1)</script>", "${7*7}", "{{7*7}}",
  "../../etc/passwd", "%00", "%", "\\", '"', "'", "\r\n", "null", "undefined", "true",
];

/** Strings from empty to ~20 KB, in every Unicode unit fast-check knows, lone surrogates included. */
export const oddString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...PLAUSIBLE), weight: 4 },
  { arbitrary: fc.constantFrom(...ODD), weight: 2 },
  { arbitrary: fc.string({ maxLength: 80 }), weight: 2 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 80 }), weight: 2 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }), weight: 1 },
  {
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1_000, max: 20_000 }),
        fc.constantFrom("a", "0", "é", "😀", "\\", " ", "\u0000"),
      )
      .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length))),
    weight: 1,
  },
);

/** JSON text to splice in as is (deep nesting would be slow to build as objects). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A nested array or object `depth` levels deep, as JSON text. */
export function nestedJson(depth: number, kind: "array" | "object"): string {
  return kind === "array"
    ? "[".repeat(depth) + "]".repeat(depth)
    : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

export const nesting = (min: number, max: number) =>
  fc.tuple(fc.integer({ min, max }), fc.constantFrom("array" as const, "object" as const));

/** Any JSON value: odd strings, numbers at the edges, containers, deep nesting. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: oddString, weight: 6 },
  {
    arbitrary: fc.oneof(
      fc.integer(),
      fc.double(),
      fc.constantFrom(0, -0, 1e308, -1, 25, Number.MAX_SAFE_INTEGER + 2),
    ),
    weight: 2,
  },
  { arbitrary: fc.constantFrom(true, false, null), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  { arbitrary: fc.array(oddString, { maxLength: 4 }), weight: 1 },
  { arbitrary: nesting(20, 3_000).map(([d, k]) => new RawJson(nestedJson(d, k))), weight: 1 },
);

/** JSON.stringify, with RawJson values spliced in as their text. */
export function toJsonText(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (!(v instanceof RawJson)) return v;
    raws.push(v.text);
    return `\u0000raw${raws.length - 1}\u0000`;
  });
  return (text ?? "null").replace(/"\\u0000raw(\d+)\\u0000"/g, (_m, i: string) => raws[Number(i)]!);
}
