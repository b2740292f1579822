import "server-only";
import { randomInt } from "node:crypto";
import { processSingleton } from "@/lib/process/singleton";
import { deliverToSandboxInbox } from "@/lib/mail/sandbox-inbox";
import { safeEqual } from "./secrets";
import { SANDBOX_USER_EMAIL } from "./user-endpoints";

/**
 * The sandbox user's two-step verification for sends. Coinbase texts or emails a code;
 * here it is "mailed" to the sandbox user (sandy@example.com) in /sandbox/inbox, with or
 * without SMTP_URL. A code belongs to one request: the same account, `idem` and body.
 */
export const CODE_LIFETIME_MS = 5 * 60 * 1000;
const MAX_TRIES = 5;

interface PendingCode {
  code: string;
  body: string;
  expiresAt: number;
  tries: number;
}

const codes = processSingleton("sandbox.oauth-2fa", () => new Map<string, PendingCode>());

/** Makes a code for this request and mails it; an earlier code for it stops working. */
export async function sendTwoFactorCode(key: string, body: string, now = Date.now()) {
  const code = String(randomInt(0, 10_000_000)).padStart(7, "0");
  codes.set(key, { code, body, expiresAt: now + CODE_LIFETIME_MS, tries: 0 });
  await deliverToSandboxInbox({
    to: SANDBOX_USER_EMAIL,
    subject: `Your Coinbase two-step verification code: ${code}`,
    text: `Enter ${code} to approve the send. It expires in 5 minutes. If you did not try to send crypto, ignore this message.`,
  });
}

export type CodeCheck = "ok" | "wrong" | "expired";

/** Checks the CB-2FA-TOKEN of a replay; a good code is spent. */
export function checkTwoFactorCode(
  key: string,
  body: string,
  token: string,
  now = Date.now(),
): CodeCheck {
  const pending = codes.get(key);
  if (!pending) return "expired";
  if (now >= pending.expiresAt || pending.tries >= MAX_TRIES) {
    codes.delete(key);
    return "expired";
  }
  // A different body is a different request: the code does not approve it.
  if (!safeEqual(pending.code, token) || pending.body !== body) {
    pending.tries++;
    return "wrong";
  }
  codes.delete(key);
  return "ok";
}
