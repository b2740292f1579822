/**
 * A one-time code as people type it: read out from a text or an email, or copied from an
 * authenticator app that shows it in two halves ("123 456", "123-456"). Its digits are the code;
 * the spaces and hyphens between them are not. No zod here: the send form checks its code
 * without the schema library in its bundle.
 */
export function codeDigits(typed: string): string {
  return typed.replace(/[\s-]/g, "");
}
