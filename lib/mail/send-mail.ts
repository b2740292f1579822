import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { getConfig } from "@/lib/config/env";
import { AppError } from "@/lib/http/app-error";
import { isLoopbackHost } from "@/lib/http/loopback";
import { log } from "@/lib/log/logger";
import { processSingleton } from "@/lib/process/singleton";
import { deliverToSandboxInbox } from "./sandbox-inbox";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Sends an email: through the SMTP server of `SMTP_URL`, or, in sandbox mode, into the
 * sandbox inbox (a table shown at /sandbox/inbox), so sign-in works with no mail server.
 */
export async function sendMail(mail: Mail): Promise<void> {
  const config = getConfig().mail;
  if (config.mode === "inbox") return deliverToSandboxInbox(mail);
  try {
    await smtpTransport(config.smtpUrl).sendMail({ from: config.from, ...mail });
  } catch (error) {
    // What the operator needs to act (a sender the provider has not verified answers 550 to
    // MAIL FROM), never the server's words, which may name the recipient, nor the URL, which
    // may hold credentials.
    const { code, responseCode, command } = error as {
      code?: string;
      responseCode?: number;
      command?: string;
    };
    log("error", "mail_failed", { smtpError: code ?? "unknown", responseCode, command });
    throw new AppError(
      "email_unavailable",
      "We could not send the email right now: try again shortly",
    );
  }
}

/**
 * At start, with `SMTP_URL` set: a warning naming it when its server does not take a
 * connection and login within the transport's timeouts, or null. Not fatal (the relay may come
 * up after the app), but said now rather than at a user's first "Email me a code".
 */
export async function smtpStartupWarning(): Promise<{ variable: string; message: string } | null> {
  const config = getConfig().mail;
  if (config.mode !== "smtp") return null;
  try {
    await smtpTransport(config.smtpUrl).verify();
    return null;
  } catch (error) {
    // The error's code only: its message may quote the server, and the URL holds the password.
    const { code, responseCode } = error as { code?: string; responseCode?: number };
    const why = [code ?? "no answer", responseCode].filter(Boolean).join(" ");
    return {
      variable: "SMTP_URL",
      message: `its server did not take a connection and login at start (${why}): sign-in codes cannot be emailed until it does. Check the host, the port, the login, and smtps:// for a server that takes TLS only${code === "ETLS" ? "; a relay on a private network without TLS needs ?requireTLS=false" : ""}.`,
    };
  }
}

function smtpTransport(url: string): Transporter {
  return processSingleton("smtp-transport", () =>
    // Short timeouts: a user waits on this before the "code sent" message.
    nodemailer.createTransport({
      url,
      requireTLS: requiresStartTls(url),
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
      socketTimeout: 10_000,
    }),
  );
}

/**
 * Codes and the relay's login never travel in clear: over `smtp://`, the server must take
 * STARTTLS (nodemailer otherwise goes on without it when the server does not offer it, or when
 * someone on the way strips the offer). Not for `smtps://` (TLS from the first byte), nor for a
 * relay on this machine. `?requireTLS=false` in the URL lifts it, for a relay on a private
 * network that offers no TLS (the URL's options win over these).
 */
function requiresStartTls(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === "smtp:" && !isLoopbackHost(hostname);
}
