import fc from "fast-check";
import { oddString } from "./odd-values";

/**
 * Query strings, some well encoded and some not: repeated keys, bare keys, broken
 * percent-escapes, huge values, odd unicode.
 */
function oddQuery(keys: string[], values: string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { arbitrary: fc.constantFrom(...keys), weight: 4 },
    { arbitrary: oddString, weight: 1 },
  );
  const value = fc.oneof(
    { arbitrary: fc.constantFrom(...values), weight: 3 },
    { arbitrary: oddString, weight: 2 },
  );
  // prettier-ignore
  const junk = fc.constantFrom("%", "%zz", "%E0%A4%A", "%C0%AF", "%00", "%FF%FE", "=", "&", "scope",
    "scope=", "==", "scope[]=x", "a=b=c", ";", "+");
  const encoded = fc
    .array(fc.tuple(key, value), { maxLength: 8 })
    .map((pairs) => new URLSearchParams(pairs).toString());
  const raw = fc
    .array(
      fc.oneof(
        // The value as is: only what would end the URL (#) or break the request line is dropped.
        fc
          .tuple(key, value)
          .map(([k, v]) => `${encodeURIComponent(k.toWellFormed())}=${v.replace(/[#\s]/g, "")}`),
        junk,
      ),
      { maxLength: 8 },
    )
    .map((parts) => parts.join("&"));
  return fc.oneof(encoded, raw);
}

// prettier-ignore
export const authorizeQuery = oddQuery(
  ["scope", "account", "account_currency", "send_limit_amount", "send_limit_currency",
    "send_limit_period", "redirect_uri", "client_id", "state", "code_challenge", "response_type"],
  ["wallet:user:read", "wallet:accounts:read,wallet:user:read", "wallet:transactions:send",
    "offline_access", "wallet:user:read,,,", "select", "all", "new", "BTC,ETH", "btc", "50", "0",
    "-5", "1e9", "USD", "day", "week"],
);

export const callbackQuery = oddQuery(
  ["code", "state", "error", "error_description", "scope"],
  ["access_denied", "invalid_scope", "server_error", "code-123", "a".repeat(300)],
);

// A share of plainly good queries, so that the run also sees the 200 path (a random mix
// rarely lines up a side, an assigned country, and a state exactly when it is US).
export const optionsQuery = fc.oneof(
  {
    arbitrary: oddQuery(
      ["side", "country", "subdivision"],
      ["buy", "sell", "BUY", "US", "NY", "GB", "JP", "us", "ZZ", "USA", ""],
    ),
    weight: 9,
  },
  {
    arbitrary: fc.constantFrom(
      "side=buy&country=US&subdivision=NY",
      "side=sell&country=GB",
      "side=buy&country=JP",
    ),
    weight: 1,
  },
);

// With a partner's key, the user is named in partnerUserRef.
export const transactionsQuery = oddQuery(
  ["side", "partnerUserRef"],
  ["buy", "sell", "BUY", "both", "", "fuzz-user-1", "x".repeat(50)],
);

// What the pages read from their links, with values that once reached the database or a
// redirect as typed (a NUL byte, a path in another script).
// prettier-ignore
export const pageQuery = oddQuery(
  ["country", "subdivision", "replaces", "from", "next", "order", "after", "asset", "network",
    "amount", "side", "link", "failure", "connected", "status", "page"],
  ["US", "NY", "GB", "\u0000", "%00", "/中", "/buy?asset=ETH", "//evil.example", "buy", "sell",
    "used", "retry", "1", "00000000-0000-4000-8000-000000000000", "x".repeat(200)],
);
