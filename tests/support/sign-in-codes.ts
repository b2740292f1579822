import { existsSync, readFileSync } from "node:fs";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { LIVE_URL, SMTP_SINK_FILE } from "./e2e-servers";

/**
 * Where a sign-in code arrives: the live server mails it through SMTP to the sink
 * (tests/support/smtp-sink.mjs); a sandbox server puts it in its inbox page, /sandbox/inbox.
 */
const SUBJECT_CODE = /Your sign-in code: (\d{6})/;

/** A one-time code as a person types it from a text or an authenticator: in two halves. */
export const inTwoHalves = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;

export interface SinkMessage {
  receivedAt: string;
  from: string | null;
  to: string[];
  subject: string;
  raw: string;
}

/** Every message the SMTP sink received for `email`, newest first. */
export function sinkMessagesTo(email: string): SinkMessage[] {
  if (!existsSync(SMTP_SINK_FILE)) return [];
  return readFileSync(SMTP_SINK_FILE, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SinkMessage)
    .filter((m) => m.to.includes(email))
    .reverse();
}

/**
 * The subjects of the sandbox inbox page's messages to `to` (an email, or a phone number),
 * newest first: the page's HTML read over HTTP, no tab opened. `baseUrl` "" is the
 * request context's own.
 */
export async function inboxSubjectsTo(
  request: APIRequestContext,
  baseUrl: string,
  to: string,
): Promise<string[]> {
  const html = await (await request.get(`${baseUrl}/sandbox/inbox`)).text();
  return html
    .split("<article")
    .filter((article) => article.includes(`aria-label="Message to ${to}"`))
    .map((article) => /<h2[^>]*>([^<]*)<\/h2>/.exec(article)?.[1] ?? "");
}

/** The codes in the subjects of the sandbox inbox page's messages to `email`, newest first. */
async function inboxCodes(request: APIRequestContext, baseUrl: string, email: string) {
  return (await inboxSubjectsTo(request, baseUrl, email)).flatMap(
    (subject) => SUBJECT_CODE.exec(subject)?.[1] ?? [],
  );
}

/** The codes sent to `email` by the server at `baseUrl`, newest first. */
export async function codesSentTo(
  request: APIRequestContext,
  baseUrl: string,
  email: string,
): Promise<string[]> {
  if (baseUrl === LIVE_URL)
    return sinkMessagesTo(email).flatMap((m) => SUBJECT_CODE.exec(m.subject)?.[1] ?? []);
  return inboxCodes(request, baseUrl, email);
}

/** Waits until `count` codes were sent to `email`; returns the newest. */
export async function waitForCode(
  request: APIRequestContext,
  baseUrl: string,
  email: string,
  count = 1,
): Promise<string> {
  let codes: string[] = [];
  await expect
    .poll(async () => (codes = await codesSentTo(request, baseUrl, email)).length, {
      message: `sign-in code number ${count} for ${email} from ${baseUrl}`,
      timeout: 10_000,
    })
    .toBeGreaterThanOrEqual(count);
  return codes[0]!;
}

/**
 * Reads the newest code as a person would: on the live server from their mailbox (the sink),
 * in sandbox mode from the inbox page, opened in another tab.
 */
export async function readCodeInBrowser(page: Page, email: string): Promise<string> {
  const origin = new URL(page.url()).origin;
  if (origin === LIVE_URL) return waitForCode(page.request, origin, email);
  const inbox = await page.context().newPage();
  try {
    await inbox.goto(`${origin}/sandbox/inbox`);
    const message = inbox.getByRole("article", { name: `Message to ${email}` }).first();
    const subject = await message.getByRole("heading").innerText();
    const code = SUBJECT_CODE.exec(subject)?.[1];
    expect(code, `the subject "${subject}" holds the code`).toBeDefined();
    await expect(message).toContainText(`Your sign-in code is ${code}.`);
    return code!;
  } finally {
    await inbox.close();
  }
}
