import "server-only";

/**
 * Money arithmetic for the sandbox's quotes: fixed point on bigints (18 decimals), so
 * "100.00 − 3.99" is exactly 96.01 and rounding happens once, where Coinbase rounds.
 */
export type Fixed = bigint;

const SCALE = 18;
/** 1 as a Fixed. */
export const ONE: Fixed = 10n ** BigInt(SCALE);

const DECIMAL = /^(\d{1,15})(?:\.(\d{1,18}))?$/;

/** A plain positive-or-zero decimal string ("25", "0.05") with at most `maxDecimals` places, else undefined. */
export function parseFixed(text: string, maxDecimals = SCALE): Fixed | undefined {
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const fraction = match[2] ?? "";
  if (fraction.length > maxDecimals) return undefined;
  return BigInt(match[1] ?? "0") * ONE + BigInt(fraction.padEnd(SCALE, "0"));
}

export function fixed(value: string): Fixed {
  const parsed = parseFixed(value);
  if (parsed === undefined) throw new TypeError(`not a decimal: ${value}`);
  return parsed;
}

export function mul(a: Fixed, b: Fixed): Fixed {
  return (a * b) / ONE;
}

export function div(a: Fixed, b: Fixed): Fixed {
  return (a * ONE) / b;
}

type Rounding = "half-up" | "down" | "up";

/** Rounds to `decimals` places (non-negative values). */
export function round(value: Fixed, decimals: number, mode: Rounding = "half-up"): Fixed {
  const step = 10n ** BigInt(SCALE - decimals);
  const remainder = value % step;
  const down = value - remainder;
  if (remainder === 0n || mode === "down") return down;
  if (mode === "up" || remainder * 2n >= step) return down + step;
  return down;
}

/** "95.52", "0.03184000": rounded half-up to exactly `decimals` places. */
export function format(value: Fixed, decimals: number): string {
  const sign = value < 0n ? "-" : "";
  const rounded = round(value < 0n ? -value : value, decimals);
  const whole = rounded / ONE;
  if (decimals === 0) return `${sign}${whole}`;
  const fraction = (rounded % ONE).toString().padStart(SCALE, "0").slice(0, decimals);
  return `${sign}${whole}.${fraction}`;
}

/** Rounds to a whole number with at most two significant digits: down (6944.44 → 6900) or up (298.5 → 300). */
export function toTwoFigures(value: Fixed, mode: "down" | "up"): Fixed {
  const whole = round(value, 0, mode) / ONE;
  const digits = whole.toString().length;
  if (digits <= 2) return whole * ONE;
  const step = 10n ** BigInt(digits - 2);
  const kept = mode === "down" || whole % step === 0n ? whole / step : whole / step + 1n;
  return kept * step * ONE;
}
