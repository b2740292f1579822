/**
 * An amount as the user typed it, as the plain decimal the API takes ("0,05" → "0.05").
 * Phones set to a region that writes decimals with a comma offer only "," on the decimal
 * keypad. A comma counts as the decimal point only where it cannot be a thousands
 * separator: one comma, no dot, and not followed by exactly three digits unless the whole
 * part is zero. So "1,000" stays as typed, and is refused with a reason, never read as 1.
 * Spaces that group digits in threes go ("1 000" is 1000). A separator with digits on one
 * side only is read as consumer apps read it: ".5" and ",5" are 0.5, "42." and "42," are 42.
 */
export function typedDecimal(text: string): string {
  const trimmed = withoutBareSeparator(withoutDigitGroups(text.trim()));
  const match = /^(\d+),(\d+)$/.exec(trimmed);
  if (!match) return trimmed;
  const [, whole, fraction] = match as unknown as [string, string, string];
  if (fraction.length === 3 && !/^0+$/.test(whole)) return trimmed;
  return `${whole}.${fraction}`;
}

/**
 * "1 000" or "12 500,50", as many locales write them (pasted with a no-break space, often):
 * the spaces go. Only groups of three: "25 50" is a mistake, left for the checks to refuse,
 * never read as 2550.
 */
function withoutDigitGroups(text: string): string {
  return /^\d{1,3}(\s\d{3})+([.,]\d+)?$/.test(text) ? text.replace(/\s/g, "") : text;
}

/** ".5" or ",5" → "0.5"; "42." or "42," → "42": neither can be read another way. */
function withoutBareSeparator(text: string): string {
  const leading = /^[.,](\d+)$/.exec(text);
  if (leading) return `0.${leading[1]}`;
  const trailing = /^(\d+)[.,]$/.exec(text);
  return trailing ? trailing[1]! : text;
}

/** Whether an amount, as `typedDecimal` reads it, is a plain decimal the API takes. */
export function isPlainDecimal(amount: string): boolean {
  return /^\d+(\.\d+)?$/.test(amount);
}
