import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { getConfig } from "@/lib/config/env";
import { AppError } from "@/lib/http/app-error";
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

function smtpTransport(url: string): Transporter {
  return processSingleton("smtp-transport", () =>
    // Short timeouts: a user waits on this before the "code sent" message.
    nodemailer.createTransport({
      url,
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
      socketTimeout: 10_000,
    }),
  );
}
