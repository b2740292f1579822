import { readFileSync, rmSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { uniquePublicIp } from "../support/api";
import { startOwnServer } from "../support/own-server";
import { PORTS, databaseDir, serverLogPath } from "../support/e2e-servers";
import { signInByApi, uniqueEmail } from "../support/sign-in";
import { sinkMessagesTo } from "../support/sign-in-codes";

/**
 * A partner tries the app in sandbox mode, then sets keys and restarts on the same database:
 * its users signed in through the sandbox inbox and its rows are made up, so live mode refuses
 * to start on it, saying what to set. A database made live is refused to sandbox mode the same
 * way (its inbox would let anyone sign in as a real user). `next start` of this spec's own.
 */
const PORT = PORTS.databaseMode;
const SANDBOX_DIR = databaseDir(PORT);
const LIVE_DIR = `${SANDBOX_DIR}-live`;
// Live Connect (the ramps stay the sandbox's), its codes mailed to the test SMTP sink.
const LIVE = {
  COINBASE_OAUTH_CLIENT_ID: "client",
  COINBASE_OAUTH_CLIENT_SECRET: "secret",
  SESSION_SECRET: "test-only-session-secret-Zq8vN3kR7wP2xL5m",
  SMTP_URL: `smtp://127.0.0.1:${PORTS.smtpSink}`,
  ALLOW_INSECURE_APP_URL: "true",
};

test.describe.configure({ mode: "serial", timeout: 90_000 });

test.beforeAll(() => {
  for (const dir of [SANDBOX_DIR, LIVE_DIR]) rmSync(dir, { recursive: true, force: true });
});

/** Starts the server on `dir`; the start refused, what it said. */
async function refusedStart(dir: string, env: Record<string, string> = {}): Promise<string> {
  await expect(startOwnServer(PORT, { PGLITE_DIR: dir, ...env })).rejects.toThrow(/did not answer/);
  return readFileSync(serverLogPath(PORT), "utf8");
}

test("a database used in sandbox mode is refused live, by name; live gets its own", async () => {
  const sandbox = await startOwnServer(PORT, { PGLITE_DIR: SANDBOX_DIR, SMTP_URL: "" });
  await signInByApi(sandbox.api, sandbox.url);
  await sandbox.stop();

  const said = await refusedStart(SANDBOX_DIR, LIVE);
  expect(said).toContain(
    `The database in ${SANDBOX_DIR} holds sandbox data (users signed in through the sandbox inbox, the sandbox's transactions), and a CDP key or OAuth client is now set: live mode needs a database of its own. Set PGLITE_DIR to another folder (e.g. ${LIVE_DIR}) or DATABASE_URL, or delete ${SANDBOX_DIR} to start afresh.`,
  );
  expect(said, "said plainly, not as a crash").not.toMatch(/\bat .*\.(js|ts):\d+/);

  // As the message says: its own folder, and live starts; a real user signs in there.
  const live = await startOwnServer(PORT, { PGLITE_DIR: LIVE_DIR, ...LIVE });
  await signInLive(live.api);
  await live.stop();
});

test("a sandbox database that holds nothing yet goes live when a live server starts on it", async () => {
  // A host that started the app before its keys were entered: sandbox mode, no one signed in.
  const dir = `${SANDBOX_DIR}-empty`;
  rmSync(dir, { recursive: true, force: true });
  await (await startOwnServer(PORT, { PGLITE_DIR: dir, SMTP_URL: "" })).stop();
  const live = await startOwnServer(PORT, { PGLITE_DIR: dir, ...LIVE });
  await signInLive(live.api);
  await live.stop();
  // Live from then on: sandbox mode is refused there now.
  expect(await refusedStart(dir, { SMTP_URL: "" })).toMatch(/holds live data/);
});

test("a database used live is refused to sandbox mode, whose inbox would let anyone in", async () => {
  const said = await refusedStart(LIVE_DIR, { SMTP_URL: "" });
  expect(said).toMatch(
    /holds live data \(real users and their transactions\).*sandbox mode must not use it/,
  );
  // The sandbox's own database still starts in sandbox mode.
  const sandbox = await startOwnServer(PORT, { PGLITE_DIR: SANDBOX_DIR, SMTP_URL: "" });
  await sandbox.stop();
});

/** Signs a new user in on the live server, the code read from the SMTP sink: live data. */
async function signInLive(api: APIRequestContext) {
  const email = uniqueEmail();
  const headers = { "x-forwarded-for": uniquePublicIp() };
  expect((await api.post("/api/auth/code", { data: { email }, headers })).status()).toBe(200);
  let code: string | undefined;
  await expect
    .poll(() => (code = /(\d{6})/.exec(sinkMessagesTo(email)[0]?.subject ?? "")?.[1]))
    .toBeDefined();
  const signedIn = await api.post("/api/auth/sign-in", { data: { email, code }, headers });
  expect(signedIn.status()).toBe(200);
}
