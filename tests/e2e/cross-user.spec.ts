import { readFileSync, statSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { VALID_ONRAMP, errorOf, expectEnvelope, mintBuy } from "../support/api";
import { PORTS, serverLogPath } from "../support/e2e-servers";
import {
  signInInBrowser,
  signInOverHttp,
  signOutInAnotherTab,
  signOutUntold,
} from "../support/sign-in";
import { expectHydrated } from "../support/slow-scripts";
import type { Handoff } from "../../lib/ramp/handoff";
import type { RampTransaction } from "../../lib/ramp/transactions";
import { EVM_ADDRESS, RampFormPage } from "./ramp-page";

/**
 * The attack from the issue: user B, signed in, asks for a phone link (or a URL) minted for
 * user A's reference, which A's pay URL shows to anyone who sees it. The server must refuse:
 * a signed-in user's reference is their own id, whatever the request says. And its sequel:
 * B edits the pay URL itself to carry A's reference, which Coinbase then files the purchase
 * under; A's ledger must not take it for A's own. Two users in two browser contexts of the
 * sandbox server.
 */

/** A signed-in user who bought `amount` USD of USDC through the sandbox; returns their ref. */
async function userWhoBought(
  browser: Browser,
  amount: string,
): Promise<{ page: Page; ref: string }> {
  const page = await (await browser.newContext()).newPage();
  const form = await RampFormPage.signedIn(page, "buy");
  const ref = await form.previewedUserRef();
  await form.address.fill(EVM_ADDRESS);
  await form.amount(amount);
  await form.submit.click();
  await form.expectOnPayPage();
  // Visible to anyone who sees the pay URL: what an attacker can learn.
  await expect(page.locator('[data-param="partnerUserId"]')).toHaveText(ref);
  await page.getByRole("button", { name: "Complete purchase" }).click();
  await expect(page).toHaveURL(/\/buy\/complete\?order=[\w-]+$/);
  return { page, ref };
}

async function transactionsOf(page: Page, query = ""): Promise<RampTransaction[]> {
  const response = await page.request.get(`/api/transactions?side=buy${query}`);
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { transactions: RampTransaction[] }).transactions;
}

/** The poll's `ledger_report_unmatched` lines the server logged past `offset`. */
function unmatchedSince(offset: number): { reason: unknown; kept: unknown }[] {
  return readFileSync(serverLogPath(PORTS.sandbox), "utf8")
    .slice(offset)
    .split("\n")
    .filter((line) => line.includes('"event":"ledger_report_unmatched"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .map(({ reason, kept }) => ({ reason, kept }));
}

const boughtFor = (amount: string) => (t: RampTransaction) =>
  t.fiat !== undefined && Number(t.fiat.value) === Number(amount);

test("user B cannot mint for user A's reference, nor list A's transactions", async ({
  browser,
}) => {
  const alice = await userWhoBought(browser, "31");

  const bob = await (await browser.newContext()).newPage();
  await signInOverHttp(bob, { next: "/buy" });
  const bobRef = await new RampFormPage(bob, "buy").previewedUserRef();
  expect(bobRef).not.toBe(alice.ref);

  // A phone link, or a URL, for A's reference: refused, naming the field.
  for (const [path, data] of [
    ["/api/handoff", { side: "buy", request: { ...VALID_ONRAMP, partnerUserRef: alice.ref } }],
    ["/api/onramp", { ...VALID_ONRAMP, partnerUserRef: alice.ref }],
    ["/api/offramp", { ...VALID_ONRAMP, partnerUserRef: alice.ref }],
  ] as const) {
    const refused = await bob.request.post(path, { data });
    expect(refused.status(), path).toBe(400);
    const { error } = expectEnvelope(await refused.json());
    expect(error.code).toBe("invalid_request");
    // Each route's own path to the field: the phone link's request is under `request`.
    expect(error.issues?.map((i) => i.path)).toEqual([
      path === "/api/handoff" ? "request.partnerUserRef" : "partnerUserRef",
    ]);
  }

  // B's own phone link mints for B only.
  const made = await bob.request.post("/api/handoff", {
    data: { side: "buy", request: VALID_ONRAMP },
  });
  expect(made.status()).toBe(200);
  const { url, statusId } = (await made.json()) as { url: string; statusId: string };
  const link = new URL(url).pathname;
  const opened = await bob.request.post(link, { maxRedirects: 0 });
  expect(opened.status()).toBe(303);
  expect(new URL(opened.headers().location!).searchParams.get("partnerUserId")).toBe(bobRef);
  // Whether it was opened is B's to ask, not A's.
  const status = `/api/handoff/${statusId}`;
  expect(await (await bob.request.get(status)).json()).toEqual({ state: "opened" });
  expect(await errorOf(await alice.page.request.get(status))).toEqual({
    status: 404,
    code: "not_found",
  });

  // B's list holds nothing of A's; naming A's reference is refused, as for minting.
  expect((await transactionsOf(bob)).filter(boughtFor("31"))).toEqual([]);
  const named = await bob.request.get(`/api/transactions?side=buy&partnerUserRef=${alice.ref}`);
  expect(named.status()).toBe(400);
  expect(expectEnvelope(await named.json()).error.issues?.map((i) => i.path)).toEqual([
    "partnerUserRef",
  ]);
  await alice.page.context().close();
  await bob.context().close();
});

/**
 * A's /buy form filled in one tab; then, in another tab of the same browser, A signs out and B
 * signs in, neither heard by A's tab (asleep in the background, say): what the server must
 * still refuse it.
 */
async function formLeftWhileBobSignsIn(browser: Browser, amount: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const form = await RampFormPage.signedIn(page, "buy");
  const aliceRef = await form.previewedUserRef();
  await form.address.fill(EVM_ADDRESS);
  await form.amount(amount);
  const other = await signOutUntold(context);
  const bob = await signInOverHttp(other, { next: "/sell" });
  const bobRef = await new RampFormPage(other, "sell").previewedUserRef();
  expect(bobRef).not.toBe(aliceRef);
  await other.close();
  return { context, page, form, aliceRef, bob, bobRef };
}

test("a tab left on A's form while B signs in elsewhere: its Continue mints nothing for B, and says why", async ({
  browser,
}) => {
  test.setTimeout(60_000); // signs in twice
  const { context, page, form, aliceRef, bobRef } = await formLeftWhileBobSignsIn(browser, "32");

  // A's form, A's wallet address: nothing is minted for B from it.
  await form.submit.click();
  const why = page.getByRole("alert").filter({ hasText: "Another account" });
  await expect(why).toHaveText(
    "Another account is signed in now: reload the page to go on as that account.",
  );
  await expect(why).toBeFocused();
  await expect(form.submit).toBeDisabled();
  await expect(page).toHaveURL(/\/buy$/);
  expect(await transactionsOf(page), "B's purchases").toEqual([]);

  // The rule itself: a request naming the user its page was shown for, someone else, is refused.
  for (const [path, data] of [
    ["/api/onramp", VALID_ONRAMP],
    ["/api/offramp", VALID_ONRAMP],
    ["/api/handoff", { side: "buy", request: VALID_ONRAMP }],
  ] as const) {
    const refused = await page.request.post(path, {
      data,
      headers: { "x-expected-user": aliceRef },
    });
    expect(await errorOf(refused), path).toEqual({ status: 409, code: "account_changed" });
  }
  const own = await page.request.post("/api/onramp", {
    data: VALID_ONRAMP,
    headers: { "x-expected-user": bobRef },
  });
  expect(own.status(), await own.text()).toBe(200);
  await context.close();
});

test("a tab left on A's form, moved by a link once B has signed in elsewhere: B's page, B's header, none of A's form", async ({
  browser,
}) => {
  test.setTimeout(60_000); // signs in twice
  const { context, page, form, bob } = await formLeftWhileBobSignsIn(browser, "33");

  // A's tab moves by the site's own links (client-side: the header is not loaded again).
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Sell" }).click();
  await expect(page).toHaveURL(/\/sell$/);
  await nav.getByRole("link", { name: "Buy" }).click();
  await expect(page).toHaveURL(/\/buy$/);
  await expect(page.getByTestId("signed-in-as")).toContainText(bob);
  await expectHydrated(page.getByRole("button", { name: "Continue to Coinbase" }));
  await expect(form.address).toHaveValue("");
  await expect(form.amountField).not.toHaveValue("33");

  // B signs out from another tab, unheard here; the next link shows a header with no one signed in.
  await signOutUntold(context);
  await nav.getByRole("link", { name: "Account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).not.toContainText(bob);
  await context.close();
});

test("signed out in one tab, the app's other open tabs drop the user at once, untouched: header, form and history", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const form = await RampFormPage.signedIn(page, "buy");
  const email = (await page.getByTestId("signed-in-as").locator("strong").textContent()) ?? "";
  expect(email).toContain("@");
  await form.address.fill(EVM_ADDRESS);
  await form.amount("34");
  const account = await context.newPage();
  await account.goto("/account");
  await expect(account.getByText(email).first()).toBeVisible();

  await signOutInAnotherTab(context);
  for (const tab of [page, account])
    await expect(tab.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await expectHydrated(page.getByRole("button", { name: "Sign in to continue" }));
  await expect(form.address).toHaveValue("");
  await expect(form.amountField).not.toHaveValue("34");
  await expect(account.getByText(email)).toHaveCount(0);
  await context.close();
});

test("another user signing in from another tab: the open tab turns into theirs at once, none of the last user's form in it", async ({
  browser,
}) => {
  test.setTimeout(60_000); // signs in twice
  const context = await browser.newContext();
  const page = await context.newPage();
  const form = await RampFormPage.signedIn(page, "buy");
  await form.address.fill(EVM_ADDRESS);
  await form.amount("35");
  const other = await signOutUntold(context);
  const bob = await signInInBrowser(other, { next: "/" });

  await expect(page.getByTestId("signed-in-as")).toContainText(bob);
  await expectHydrated(page.getByRole("button", { name: "Continue to Coinbase" }));
  await expect(form.address).toHaveValue("");
  await expect(form.amountField).not.toHaveValue("35");
  await context.close();
});

test("a form typed signed out on a shared computer: signing in keeps it moments later, not a quarter of an hour later", async ({
  browser,
}) => {
  test.setTimeout(60_000); // signs in twice
  /** /buy typed signed out, then signed in from the same tab `minutes` later: the form then. */
  async function signedInAfter(minutes: string) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.clock.install(); // the tab's time, so that the minutes pass without waiting
    await page.goto("/buy");
    const form = new RampFormPage(page, "buy");
    await expectHydrated(form.signInToContinue);
    await form.address.fill(EVM_ADDRESS);
    await form.amount("36");
    await page.clock.fastForward(minutes);
    // The header's link, as the next person at the computer would sign in.
    await page.getByRole("banner").getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fbuy$/);
    await signInInBrowser(page, { next: "/buy" });
    await expect(page).toHaveURL(/\/buy$/);
    await expectHydrated(form.submit);
    return { context, form };
  }
  // Moments later: the user's own, as "Sign in to continue" keeps it.
  const soon = await signedInAfter("00:30");
  await expect(soon.form.address).toHaveValue(EVM_ADDRESS);
  await soon.context.close();
  // Typed 16 minutes before: a stranger's wallet address, gone with the rest of the form.
  const later = await signedInAfter("16:00");
  await expect(later.form.address).toHaveValue("");
  await expect(later.form.amountField).not.toHaveValue("36");
  await later.context.close();
});

test("each signed-in user's /api/transactions lists their own purchases only", async ({
  browser,
}) => {
  const alice = await userWhoBought(browser, "31");
  const bob = await userWhoBought(browser, "47");
  await expect
    .poll(async () => (await transactionsOf(alice.page)).filter(boughtFor("31")).length)
    .toBe(1);
  await expect
    .poll(async () => (await transactionsOf(bob.page)).filter(boughtFor("47")).length)
    .toBe(1);
  expect((await transactionsOf(alice.page)).filter(boughtFor("47"))).toEqual([]);
  expect((await transactionsOf(bob.page)).filter(boughtFor("31"))).toEqual([]);
  await alice.page.context().close();
  await bob.page.context().close();
});

test("a completion link naming another user's purchase shows the reader's own newest, and says so", async ({
  browser,
}) => {
  const alice = await userWhoBought(browser, "31");
  const alices = (await transactionsOf(alice.page)).find(boughtFor("31"))!;
  const bob = await userWhoBought(browser, "47");
  await bob.page.goto(`/buy/complete?order=${alices.id}`);
  await expect(bob.page.getByTestId("not-the-linked-order")).toHaveText(
    "The purchase this link names is not one of this account's. Shown here: this account's newest purchase.",
  );
  await expect(bob.page.getByText("$31")).toHaveCount(0);
  // The reader's own link says nothing of the kind.
  const bobs = (await transactionsOf(bob.page)).find(boughtFor("47"))!;
  await bob.page.goto(`/buy/complete?order=${bobs.id}`);
  await expect(bob.page.getByTestId("transaction-status")).toBeVisible();
  await expect(bob.page.getByTestId("not-the-linked-order")).toHaveCount(0);
  // Pasted from a chat with the ")" after it: still the reader's own, read as it was.
  await bob.page.goto(`/buy/complete?order=${bobs.id})`);
  await expect(bob.page.getByTestId("transaction-status")).toBeVisible();
  await expect(bob.page.getByTestId("not-the-linked-order")).toHaveCount(0);
  // A link damaged past reading names no order of the reader's: the page says so.
  await bob.page.goto(`/buy/complete?order=${bobs.id.slice(0, 8)}%3E${bobs.id.slice(8)}`);
  await expect(bob.page.getByTestId("not-the-linked-order")).toBeVisible();
  await alice.page.context().close();
  await bob.page.context().close();
});

test("a completion link naming another user's purchase, opened by one who has none: not said to be theirs", async ({
  browser,
}) => {
  const alice = await userWhoBought(browser, "31");
  const alices = (await transactionsOf(alice.page)).find(boughtFor("31"))!;
  const newcomer = await (await browser.newContext()).newPage();
  await signInOverHttp(newcomer, { next: `/buy/complete?order=${alices.id}` });
  await expect(newcomer.getByRole("status").filter({ hasText: "No purchase" })).toHaveText(
    "No purchase started from this account yet.",
  );
  await expect(newcomer.getByTestId("not-the-linked-order")).toHaveText(
    "The purchase this link names is not one of this account's.",
  );
  await alice.page.context().close();
  await newcomer.context().close();
});

test("the phone that opens a hand-off link sees that one transaction, and nothing else", async ({
  browser,
}) => {
  const alice = await userWhoBought(browser, "31");
  const made = await alice.page.request.post("/api/handoff", {
    data: { side: "buy", request: { ...VALID_ONRAMP, fiatAmount: "29" } },
  });
  expect(made.status(), await made.text()).toBe(200);
  const link = ((await made.json()) as { url: string }).url;

  // The phone: never signed in.
  const phone = await (await browser.newContext()).newPage();
  await phone.goto(link);
  await phone.getByRole("button", { name: "Continue to Coinbase" }).click();
  await phone.getByRole("button", { name: "Complete purchase" }).click();
  await expect(phone).toHaveURL(/\/buy\/complete\?order=[\w-]+$/);
  await expect(phone.getByTestId("transaction-status")).toHaveText("Success", {
    timeout: 20_000,
  });
  // The link again (Back from Coinbase's page lands there too): used, and the way to the order.
  await phone.goto(link);
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("This link was already used");
  await phone.getByRole("link", { name: "See how your purchase went" }).click();
  await expect(phone).toHaveURL(/\/buy\/complete$/);
  await expect(phone.getByTestId("transaction-status")).toHaveText("Success");

  // Its capability names that one row: not Alice's other purchase, not her sales.
  const seen = await transactionsOf(phone);
  expect(seen).toHaveLength(1);
  expect(seen.filter(boughtFor("29"))).toHaveLength(1);
  const sells = await phone.request.get("/api/transactions?side=sell");
  expect(((await sells.json()) as { transactions: unknown[] }).transactions).toEqual([]);
  // And it is no session: the phone cannot mint, and /account shows it signed out.
  const mint = await phone.request.post("/api/onramp", { data: VALID_ONRAMP });
  expect(mint.status()).toBe(401);
  expect(expectEnvelope(await mint.json()).error.code).toBe("sign_in_required");
  await phone.goto("/account");
  await expect(
    phone.getByRole("region", { name: "Your ramp history" }).getByRole("link", { name: "Sign in" }),
  ).toBeVisible();
  await alice.page.context().close();
  await phone.context().close();
});

test("a phone signed in as another account that pays through a hand-off link sees that order, not its own newest", async ({
  browser,
}) => {
  const alice = await userWhoBought(browser, "32");
  const made = await alice.page.request.post("/api/handoff", {
    data: { side: "buy", request: { ...VALID_ONRAMP, fiatAmount: "33" } },
  });
  expect(made.status(), await made.text()).toBe(200);
  const link = ((await made.json()) as { url: string }).url;

  // Bob's phone, signed in, with a purchase of his own (34 USD).
  const bob = await userWhoBought(browser, "34");
  await bob.page.goto(link);
  await bob.page.getByRole("button", { name: "Continue to Coinbase" }).click();
  await bob.page.getByRole("button", { name: "Complete purchase" }).click();
  await expect(bob.page).toHaveURL(/\/buy\/complete\?order=[\w-]+$/);
  await expect(bob.page.getByTestId("transaction-status")).toHaveText("Success", {
    timeout: 20_000,
  });
  await expect(bob.page.getByText("$33.00", { exact: true })).toBeVisible();
  await expect(bob.page.getByText("$34.00", { exact: true })).toHaveCount(0);
  await expect(bob.page.getByTestId("not-the-linked-order")).toHaveCount(0);
  // Bob's own history is his: Alice's order is not listed in it.
  expect((await transactionsOf(bob.page)).filter(boughtFor("33"))).toEqual([]);
  await alice.page.context().close();
  await bob.page.context().close();
});

test("signing out forgets a phone link opened on this computer: whoever comes next sees none of the sale", async ({
  page,
}) => {
  // A shared computer: the user opens their own phone link here and goes on to Coinbase.
  await signInOverHttp(page, { next: "/sell" });
  const made = await page.request.post("/api/handoff", {
    data: { side: "sell", request: VALID_ONRAMP },
  });
  expect(made.status(), await made.text()).toBe(200);
  await page.goto(((await made.json()) as { url: string }).url);
  await page.getByRole("button", { name: "Continue to Coinbase" }).click();
  await expect(page).toHaveURL(/\/sandbox\/pay\//);
  const started = await page.request.get("/api/transactions?side=sell");
  expect(((await started.json()) as { transactions: unknown[] }).transactions).toHaveLength(1);

  await page.goto("/sell");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  // The next person, signed out: the sale (and, once Coinbase gives it, its deposit address)
  // is not theirs to see.
  const after = await page.request.get("/api/transactions?side=sell");
  expect(after.status()).toBe(401);
  expect(expectEnvelope(await after.json()).error.code).toBe("sign_in_required");
});

test("signing out ends the phone links the user made: one photographed from a shared computer no longer works, and reads as revoked", async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const email = await signInOverHttp(page, { next: "/buy" });
  await expectHydrated(page.getByRole("button", { name: "Continue to Coinbase" }));
  await new RampFormPage(page, "buy").address.fill(EVM_ADDRESS);
  const made = page.waitForResponse(
    (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/handoff",
  );
  await page.getByRole("button", { name: "Continue on my phone" }).click();
  const { url: link, statusId } = (await (await made).json()) as Handoff;
  // Someone else's phone has the link (a photo of the screen): it works until the user leaves.
  const phone = await (await browser.newContext()).newPage();
  await phone.goto(link);
  const open = phone.getByRole("button", { name: "Continue to Coinbase" });
  await expect(open).toBeVisible();
  // The user is signed in on another computer too, showing a phone link of its own.
  const elsewhere = await (await browser.newContext()).newPage();
  await elsewhere.setViewportSize({ width: 1280, height: 900 });
  await signInOverHttp(elsewhere, { email, next: "/buy" });
  await expectHydrated(elsewhere.getByRole("button", { name: "Continue to Coinbase" }));
  await new RampFormPage(elsewhere, "buy").address.fill(EVM_ADDRESS);
  await elsewhere.getByRole("button", { name: "Continue on my phone" }).click();
  const itsCode = elsewhere.getByRole("img", { name: "QR code of the phone link" });
  await expect(itsCode).toBeVisible();
  const asked = async () => (await elsewhere.request.get(`/api/handoff/${statusId}`)).json();
  expect(await asked()).toEqual({ state: "waiting" });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  // Asked after: revoked, as the phone is refused it, not still waiting for the phone. The
  // other computer's code goes at its next check, and its page says why.
  expect(await asked()).toEqual({ state: "revoked" });
  await expect(itsCode).toHaveCount(0);
  await expect(
    elsewhere.getByRole("status").filter({ hasText: "That link no longer works" }),
  ).toBeVisible();
  await elsewhere.context().close();
  // The page the phone had open before: continuing buys nothing, and says why.
  await open.click();
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("This link no longer works");
  await expect(phone.getByText("signed out on the computer it came from")).toBeVisible();
  // Opened again afterwards: the same.
  await phone.goto(link);
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("This link no longer works");
  await phone.context().close();
});

// Bob's own wallet: the session token of his URL names it, and no edit of the URL changes that.
const BOB_WALLET = `0x${"ab".repeat(20)}`;

test("B's pay URL edited to carry A's user reference: A's started purchase stays as it was", async ({
  browser,
}) => {
  // Alice has started a purchase of 31 USD and not paid yet.
  const alice = await (await browser.newContext()).newPage();
  await signInOverHttp(alice, { next: "/buy" });
  const aliceRef = await new RampFormPage(alice, "buy").previewedUserRef();
  const theirs = { ...VALID_ONRAMP, fiatCurrency: "USD" };
  const started = await mintBuy(alice.request, { ...theirs, fiatAmount: "31" });

  // Bob mints for his own wallet, puts Alice's reference in the pay URL, and pays 47 USD.
  const logStart = statSync(serverLogPath(PORTS.sandbox)).size;
  const bob = await (await browser.newContext()).newPage();
  await signInOverHttp(bob, { next: "/buy" });
  const bobs = await mintBuy(bob.request, { ...theirs, address: BOB_WALLET, fiatAmount: "47" });
  const edited = new URL(bobs.url);
  for (const name of ["partnerUserRef", "partnerUserId"]) edited.searchParams.set(name, aliceRef);
  await bob.goto(edited.href);
  await bob.getByRole("button", { name: "Complete purchase" }).click();
  await expect(bob).toHaveURL(/\/buy\/complete\?order=[\w-]+$/);

  // Coinbase files Bob's purchase under Alice: the poll /api/transactions runs for her hears of
  // it (the server logs it as not hers), and neither her started row nor her history takes it.
  await expect
    .poll(
      async () => {
        await transactionsOf(alice);
        return unmatchedSince(logStart);
      },
      { timeout: 20_000 },
    )
    .toContainEqual({ reason: "address_mismatch", kept: false });
  const aliceRows = await transactionsOf(alice);
  expect(aliceRows.map((t) => [t.id, t.status, t.fiat?.value])).toEqual([
    [started.transactionId, "started", "31"],
  ]);
  expect(aliceRows[0]?.coinbaseId).toBeUndefined();
  await alice.context().close();
  await bob.context().close();
});
