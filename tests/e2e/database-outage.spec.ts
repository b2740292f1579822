import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Cookie, type Page } from "@playwright/test";
import { Client } from "pg";
import { errorOf } from "../support/api";
import { ConnectFlow } from "./connect-page";
import { startOwnServer, within } from "../support/own-server";
import { PORTS, serverLogPath } from "../support/e2e-servers";
import { havePostgres, startPostgres, type PostgresServer } from "../support/postgres-server";

/**
 * Users, sessions, sign-in codes and the sandbox inbox live in Postgres (DATABASE_URL). When
 * it goes down under a running server (that has rendered its pages, as in production), what
 * needs it answers quickly with 503 `database_unavailable` or a page saying so, never a 500,
 * and it all works again once Postgres is back, without restarting the app. This spec starts
 * its own Postgres and its own `next start` (sandbox mode, DATABASE_URL set), so it can stop
 * Postgres under it.
 */
const URL_ = `http://localhost:${PORTS.databaseOutage}`;
// A refused connection fails at once; the pool gives up on a silent one after 3 s.
const ANSWER_WITHIN_MS = 5_000;

test.describe.configure({ mode: "serial" });
test.skip(!havePostgres, "Postgres not installed");

let postgres: PostgresServer;
let stopApp: () => Promise<void>;
let api: APIRequestContext;
/** The browser's session cookie once signed in: each test's page starts from it. */
let session: Cookie[] = [];

test.beforeAll(async () => {
  postgres = await startPostgres();
  ({ api, stop: stopApp } = await startOwnServer(PORTS.databaseOutage, {
    DATABASE_URL: postgres.url,
    CDP_WEBHOOK_SECRET: WEBHOOK_SECRET,
  }));
});

test.afterAll(async () => {
  await stopApp?.();
  await postgres?.destroy();
});

const timed = <T>(call: () => Promise<T>) => within(ANSWER_WITHIN_MS, call);

// One Coinbase event, delivered as Hook0 does (SPEC §7): signed afresh on each attempt.
const WEBHOOK_SECRET = "whsec_database_outage_test";
const EVENT_ID = randomUUID();
const EVENT_BODY = JSON.stringify({
  eventType: "onramp.transaction.updated",
  transactionId: randomUUID(),
  status: "ONRAMP_TRANSACTION_STATUS_IN_PROGRESS",
  partnerUserRef: "nobody-here",
});
function deliverEvent() {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-event-id": EVENT_ID,
    "x-event-type": "onramp.transaction.updated",
  };
  const names = Object.keys(headers);
  const t = Math.floor(Date.now() / 1000);
  const signed = `${t}.${names.join(" ")}.${Object.values(headers).join(".")}.${EVENT_BODY}`;
  const v1 = createHmac("sha256", WEBHOOK_SECRET).update(signed).digest("hex");
  headers["x-hook0-signature"] = `t=${t},h=${names.join(" ")},v1=${v1}`;
  return api.post("/api/webhooks/coinbase", { headers, data: EVENT_BODY });
}

// Few calls in all: the route mails one address 3 codes every 3 minutes, and takes ten a minute per client.
const EMAIL = "a@example.com";
const askForCode = () => api.post("/api/auth/code", { data: { email: EMAIL } });
const codeHeadings = (page: Page) => page.getByRole("heading", { name: /^Your sign-in code: / });
const signedInAs = (page: Page) => page.getByRole("banner").getByText(EMAIL);
const outageNotice = (page: Page) =>
  page.getByRole("alert").filter({ hasText: /database (cannot be reached|is not answering)/ });

test("with Postgres up, pages render and a signed-in user is shown", async ({ page }) => {
  for (const path of ["/", "/buy", "/sell", "/account"])
    expect((await page.goto(`${URL_}${path}`))?.status(), path).toBe(200);
  expect((await askForCode()).status()).toBe(200);
  await page.goto(`${URL_}/sandbox/inbox`);
  const subject = await codeHeadings(page).first().textContent();
  const code = subject?.match(/\d{6}$/)?.[0];
  const signIn = await page.request.post(`${URL_}/api/auth/sign-in`, {
    data: { email: EMAIL, code },
  });
  expect(signIn.status()).toBe(200);
  // Connected to Coinbase (the sandbox's) while signed in: the connection is this user's.
  const connect = new ConnectFlow(page);
  await connect.open(URL_);
  await connect.submit();
  await connect.allow();
  await connect.expectSignedIn();
  session = await page.context().cookies();
  expect((await page.goto(`${URL_}/buy`))?.status()).toBe(200);
  await expect(signedInAs(page)).toBeVisible();
});

test("a query that stalls past its timeout after the session was read: the guest pages say so, not an error page", async ({
  page,
}) => {
  await page.context().addCookies(session);
  // Another connection holds the tables the pages read next: their statements time out.
  const holder = new Client({ connectionString: postgres.url });
  await holder.connect();
  try {
    await holder.query("begin");
    await holder.query("lock table ramp_transaction, guest_profile in access exclusive mode");
    const anOrder = "/buy/guest/orders/123e4567-e89b-12d3-a456-426614174000";
    for (const path of ["/buy/guest?country=US", anOrder]) {
      const shown = await within(8_000, () => page.goto(`${URL_}${path}`));
      expect(shown?.status(), path).toBe(200);
      await expect(outageNotice(page), path).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 }), path).toHaveCount(1);
    }
  } finally {
    await holder.query("rollback");
    await holder.end();
  }
  await page.goto(`${URL_}/buy/guest?country=US`);
  await expect(page.getByRole("heading", { name: "Verify your phone number" })).toBeVisible();
});

test("a sign-out the database cannot write changes nothing: still signed in, still connected to Coinbase", async ({
  page,
}) => {
  await page.context().addCookies(session);
  // The session row cannot be deleted, as on a replica left read-only by a failover.
  const admin = new Client({ connectionString: postgres.url });
  await admin.connect();
  try {
    await admin.query(`create function refuse_writes() returns trigger language plpgsql as $$
      begin raise exception 'cannot execute DELETE in a read-only transaction' using errcode = '25006'; end $$`);
    await admin.query(
      "create trigger read_only before delete on session for each row execute function refuse_writes()",
    );
    const signOut = await timed(() =>
      page.request.post(`${URL_}/api/auth/sign-out`, { headers: { origin: URL_ } }),
    );
    expect(await errorOf(signOut)).toEqual({ status: 503, code: "database_unavailable" });
  } finally {
    await admin.query("drop trigger if exists read_only on session");
    await admin.query("drop function if exists refuse_writes()");
    await admin.end();
  }
  // The grant was not revoked at Coinbase behind a session still signed in: it still works.
  await page.goto(`${URL_}/account`);
  await expect(signedInAs(page)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your Coinbase account" })).toBeVisible();
});

test("with Postgres down, what needs it answers in time, clearly, and never with a 500", async ({
  page,
}) => {
  await page.context().addCookies(session);
  await postgres.stop();

  expect(await errorOf(await timed(askForCode))).toEqual({
    status: 503,
    code: "database_unavailable",
  });

  // Signing out cannot end the session in the database: it says so, and ends nothing.
  const signOut = await timed(() =>
    page.request.post(`${URL_}/api/auth/sign-out`, { headers: { origin: URL_ } }),
  );
  expect(await errorOf(signOut)).toEqual({ status: 503, code: "database_unavailable" });

  // Disconnect (a form on /account) cannot tell whose connection it is: a page saying that
  // nothing changed, the connection kept.
  const disconnect = await timed(() =>
    page.request.post(`${URL_}/oauth/disconnect`, { headers: { origin: URL_ }, maxRedirects: 0 }),
  );
  expect(disconnect.status()).toBe(303);
  expect(disconnect.headers().location).toBe(`${URL_}/oauth/result?failure=disconnect_unavailable`);
  expect(disconnect.headers()["set-cookie"] ?? "").not.toMatch(/cb_session=/);
  await timed(() => page.goto(disconnect.headers().location!));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Could not disconnect just now");
  await expect(page.getByText("you are still connected")).toBeVisible();

  // Renewing the Coinbase session cannot tell whose it is: this app's problem, not Coinbase's,
  // and the connection kept.
  const renew = await timed(() =>
    page.request.post(`${URL_}/oauth/refresh`, { headers: { origin: URL_ }, maxRedirects: 0 }),
  );
  expect(renew.status()).toBe(303);
  expect(renew.headers().location).toMatch(
    new RegExp(`^${URL_}/account\\?refreshed=[^&]+&renewal=refresh_failed_here$`),
  );
  expect(renew.headers()["set-cookie"] ?? "").not.toMatch(/cb_session=/);

  // Coinbase's webhook is refused for now, so that Coinbase delivers it again later.
  expect(await errorOf(await timed(deliverEvent))).toEqual({
    status: 503,
    code: "database_unavailable",
  });

  // Pages that read the database say so: a 200 with a notice, not an error page.
  const anOrder = "/buy/guest/orders/123e4567-e89b-12d3-a456-426614174000";
  for (const path of ["/sandbox/inbox", "/buy", "/account", anOrder]) {
    const shown = await timed(() => page.goto(`${URL_}${path}`));
    expect(shown?.status(), path).toBe(200);
    await expect(outageNotice(page), path).toBeVisible();
  }
  // /account: the user's Coinbase connection is not said to be gone, nor is
  // connecting again offered (it would revoke their grant).
  await timed(() => page.goto(`${URL_}/account`));
  await expect(
    page.getByRole("heading", { name: "Your Coinbase account cannot be shown just now" }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Connect Coinbase" })).toHaveCount(0);
  await expect(page.getByText("Not connected")).toHaveCount(0);
});

test("when Postgres is back, the app recovers by itself", async ({ page }) => {
  await postgres.start();
  await expect
    .poll(async () => (await askForCode()).status(), { intervals: [500, 1_000], timeout: 5_000 })
    .toBe(200);
  await page.goto(`${URL_}/sandbox/inbox`);
  await expect(codeHeadings(page)).toHaveCount(2);
  await page.context().addCookies(session);
  await page.goto(`${URL_}/buy`);
  await expect(signedInAs(page)).toBeVisible();
  await expect(outageNotice(page)).toHaveCount(0);
  // Coinbase's next delivery of the refused event is taken, once.
  expect(await (await deliverEvent()).json()).toEqual({ received: true, outcome: "unmatched" });
  expect(await (await deliverEvent()).json()).toEqual({ received: true, duplicate: true });
  // The failed queries were logged without their parameters (the address, the hashed code).
  const logged = readFileSync(serverLogPath(PORTS.databaseOutage), "utf8");
  expect(logged).toContain('"event":"database_unavailable"');
  expect(logged).not.toContain(EMAIL);
});
