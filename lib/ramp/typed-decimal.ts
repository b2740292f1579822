/**
 * An amount as the user typed it, as the plain decimal the API takes ("0,05" → "0.05").
 * Phones set to a region that writes decimals with a comma offer only "," on the decimal
 * keypad. A comma counts as the decimal point only where it cannot be a thousands
 * separator: one comma, no dot, and not followed by exactly three digits unless the whole
 * part is zero. So "1,000" stays as typed, and is refused with a reason, never read as 1.
 */
export function typedDecimal(text: string): string {
  const trimmed = text.trim();
  const match = /^(\d+),(\d+)$/.exec(trimmed);
  if (!match) return trimmed;
  const [, whole, fraction] = match as unknown as [string, string, string];
  if (fraction.length === 3 && !/^0+$/.test(whole)) return trimmed;
  return `${whole}.${fraction}`;
}
