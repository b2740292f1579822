/**
 * Phone numbers as people type them ("(205) 555-0123", "205.555.0123", "+1 205 555 0123")
 * and as Coinbase wants them (E.164, "+12055550123"). Without a country code a number is
 * read as a US one: guest checkout is US only. Browser-safe.
 */
export function toE164(typed: string): string | null {
  const trimmed = typed.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, "");
  if (trimmed.startsWith("+")) return /^[1-9]\d{7,14}$/.test(digits) ? `+${digits}` : null;
  if (/^[2-9]\d{9}$/.test(digits)) return `+1${digits}`;
  if (/^1[2-9]\d{9}$/.test(digits)) return `+${digits}`;
  return null;
}

/** "+12055550123" → "+1 (205) 555-0123"; other countries as they are. */
export function formatPhone(e164: string): string {
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return us ? `+1 (${us[1]}) ${us[2]}-${us[3]}` : e164;
}
