/**
 * How two plain decimal strings ("1000000000", "0.000000000000000001") compare, exactly: by
 * their digits, never through a float, which keeps about 16 figures and reads an amount one
 * 18th decimal over a limit as the limit itself. Browser-safe. Both must be plain decimals
 * (digits, at most one point between them); zeros in front or behind count for nothing.
 */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const [aWhole = "", aFraction = ""] = a.split(".");
  const [bWhole = "", bFraction = ""] = b.split(".");
  const x = aWhole.replace(/^0+/, "");
  const y = bWhole.replace(/^0+/, "");
  // More figures before the point is the larger number; as many, digit by digit decides.
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  const decimals = Math.max(aFraction.length, bFraction.length);
  const left = x + aFraction.padEnd(decimals, "0");
  const right = y + bFraction.padEnd(decimals, "0");
  return left < right ? -1 : left > right ? 1 : 0;
}
