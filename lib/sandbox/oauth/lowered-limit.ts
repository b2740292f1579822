/**
 * The consent page's "You may lower it" field: the limit the user approves, the one asked for
 * or lower, never higher. Shared by the page (said at the field before posting) and the consent
 * endpoint (the authority). Undefined when `value` is acceptable. Blank is refused: a user who
 * cleared the field agreed to no amount, least of all the whole one asked for.
 */
export function loweredLimitRefusal(
  asked: { amount: string; currency: string },
  value: string,
): string | undefined {
  const amount = value.trim();
  if (amount === "") {
    return `Enter the most the app may send, at most ${asked.amount} ${asked.currency}, or choose Deny`;
  }
  // The amount asked for as the field shows it (which may have more decimals or digits than a
  // typed one may): kept as asked.
  if (amount === asked.amount) return undefined;
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(amount) || Number(amount) <= 0) {
    return "The send limit must be a positive amount, e.g. 20";
  }
  if (Number(amount) > Number(asked.amount)) {
    return `The send limit can only be lowered: at most ${asked.amount} ${asked.currency}`;
  }
  return undefined;
}
