/**
 * An amount as the user typed it, as the plain decimal the API takes ("0,05" → "0.05").
 * Phones set to a region that writes decimals with a comma offer only "," on the decimal
 * keypad. A comma counts as the decimal point only where it cannot be a thousands
 * separator: one comma, no dot, and not followed by exactly three digits unless the whole
 * part is zero. So "1,000" stays as typed, and is refused with a reason, never read as 1.
 * Spaces that group digits go ("1 000" is 1000).
 */
export function typedDecimal(text: string): string {
  // Spaces between digits group thousands ("1 000", as many locales write it, or pasted
  // with a no-break space): never a decimal point, so they simply go.
  const trimmed = text.trim().replace(/(?<=\d)[\s\u00a0\u202f\u2009]+(?=\d)/g, "");
  const match = /^(\d+),(\d+)$/.exec(trimmed);
  if (!match) return trimmed;
  const [, whole, fraction] = match as unknown as [string, string, string];
  if (fraction.length === 3 && !/^0+$/.test(whole)) return trimmed;
  return `${whole}.${fraction}`;
}
