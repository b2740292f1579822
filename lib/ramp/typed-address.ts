/**
 * A wallet address as the user typed or pasted it, as it is checked and sent: no address holds
 * a space, so one pasted with spaces or a line break around it (or wrapped inside it, from a
 * chat or an email) is that address. The buy, sell and guest forms all read it so.
 */
export function typedAddress(text: string): string {
  return text.replace(/\s+/g, "");
}
