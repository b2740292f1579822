import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { emailOTP } from "better-auth/plugins/email-otp";
import { getConfig } from "@/lib/config/env";
import { getDatabase } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import { log } from "@/lib/log/logger";
import { processSingleton } from "@/lib/process/singleton";
import { codeStorage } from "./code-storage";

/** Sign-in codes: six digits, ten minutes, five tries (the sixth locks the code). */
export const CODE_LENGTH = 6;
export const CODE_LIFETIME_SECONDS = 10 * 60;
export const CODE_ATTEMPTS = 5;
/** A session lasts 30 days, renewed on use once a day; it ends 90 days after its sign-in. */
const SESSION_DAYS = 30;
export const SESSION_MAX_DAYS = 90;

/**
 * Users sign in with a one-time code sent to their email, through better-auth and its
 * email-OTP plugin: it stores users, sessions and (encrypted) codes in our database and
 * sets the session cookie. Nothing here stores a session or a code by hand.
 * One instance per process (route bundles share it).
 */
export function getAuth() {
  return processSingleton("auth", createAuth);
}

function createAuth() {
  const config = getConfig();
  const https = config.appUrl.startsWith("https://");
  return betterAuth({
    appName: "Coinbase ramps reference",
    baseURL: config.appUrl,
    basePath: "/api/auth",
    secret: config.oauth.sessionSecret,
    trustedOrigins: [config.appUrl],
    database: drizzleAdapter(getDatabase().db, { provider: "pg", schema }),
    session: { expiresIn: SESSION_DAYS * 24 * 60 * 60 },
    // Our own limits (per IP and per email) run before better-auth: see sign-in.ts.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: {
      log: (level, message) => log(level === "error" ? "error" : "warn", "auth", { message }),
    },
    advanced: {
      // Over https the cookies are `__Host-` (Secure, Path=/, no Domain: only this origin
      // can set or read them); over http (local sandbox) plain names without Secure.
      useSecureCookies: false,
      defaultCookieAttributes: { secure: https, sameSite: "lax", httpOnly: true, path: "/" },
      cookies: {
        session_token: { name: cookieName("session", https) },
        session_data: { name: cookieName("session_data", https) },
        dont_remember: { name: cookieName("dont_remember", https) },
      },
    },
    plugins: [
      emailOTP({
        otpLength: CODE_LENGTH,
        expiresIn: CODE_LIFETIME_SECONDS,
        allowedAttempts: CODE_ATTEMPTS,
        // Asking again while a code works sends that same code: a stranger asking for codes to
        // someone's address cannot replace the one in their mailbox. Reuse needs the code
        // recoverable, so it is stored encrypted (under SESSION_SECRET), not hashed: a hash of
        // six digits is undone by trying all million, a key read from the database alone is not.
        resendStrategy: "reuse",
        storeOTP: codeStorage(config.oauth.sessionSecret),
        // No better-auth endpoint is served: lib/auth/sign-in.ts calls the plugin, reads the
        // code back and mails it itself, behind its rate limits, where a failed send reaches
        // the user (the plugin would log it and answer success).
        sendVerificationOTP: async () => {},
      }),
    ],
  });
}

function cookieName(name: string, https: boolean) {
  return https ? `__Host-ramp.${name}` : `ramp.${name}`;
}

/** The name of the session's cookie, as createAuth configures it. */
export const sessionCookieName = () =>
  cookieName("session", getConfig().appUrl.startsWith("https://"));
