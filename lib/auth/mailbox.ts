/**
 * The mailbox an address delivers to, for pacing the mail sent to it: "v+1@x.com" lands in
 * "v@x.com"'s inbox at most providers, and Gmail reads no dots ("v.i@gmail.com" is
 * "vi@gmail.com"). Each variant is an address of its own for signing in (an account is the
 * address as typed); only the mail counted against one inbox is grouped, or a flood of
 * variants would fill it through our mail server. Addresses come lowercased and checked.
 */
export function mailboxOf(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return email;
  const domain = email.slice(at + 1) === "googlemail.com" ? "gmail.com" : email.slice(at + 1);
  const untagged = email.slice(0, at).replace(/\+.*$/, "") || email.slice(0, at);
  const local = domain === "gmail.com" ? untagged.replaceAll(".", "") : untagged;
  return `${local}@${domain}`;
}
