import { expect, test, type Page } from "@playwright/test";
import { SHORT_TOKEN_APP_URL } from "../../playwright.config";
import { expectEnvelope } from "../support/api";
import { expectAccessibleInBothSchemes } from "../support/axe";
import { signInOverHttp } from "../support/sign-in";
import { expectHydrated, holdScripts } from "../support/slow-scripts";
import { ConnectFlow, revokeBehindTheBrowser, sessionCookie } from "./connect-page";

test("send scope with a limit: consent shows it, Allow signs in with only the chosen accounts", async ({
  page,
}) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.preset("Send on my behalf");
  await page.getByLabel(/Only these currencies/).fill("BTC,ETH");
  await page.getByLabel("Send limit amount").fill("150");
  await expect(page.getByTestId("send-limit-warning")).toContainText("100 USD");
  await page.getByLabel("Send limit amount").fill("50");
  await expect(page.getByTestId("send-limit-warning")).toHaveCount(0);
  await page.getByLabel("Per").selectOption("day");
  await expect(page.getByTestId("authorize-preview")).toContainText("meta[send_limit_amount]=50");
  await flow.submit();

  // The consent page lists the permissions in words and the limit.
  await expect(page.getByText(/Send crypto from your accounts/)).toBeVisible();
  await expect(page.getByText(/50 USD per day/)).toBeVisible();
  // Both ticked by the test: the sandbox has one user, whose live grants from other tests
  // decide what the page ticks first.
  await page.getByRole("checkbox", { name: /BTC/ }).check();
  const eth = page.getByRole("checkbox", { name: /ETH/ });
  await eth.check();
  await expect(page.getByRole("checkbox", { name: /USDC/ })).toHaveCount(0);
  await flow.allow();

  await flow.expectSignedIn();
  // Each part of the Coinbase account is a heading under it, as a screen reader lists them.
  await expect(
    page.getByRole("heading", { level: 2, name: "Your Coinbase account" }),
  ).toBeVisible();
  for (const name of [/Signed in as/, "Permissions granted", "Accounts", "Send crypto"])
    await expect(page.getByRole("heading", { level: 3, name })).toBeVisible();
  const granted = page.getByRole("list", { name: "Granted permissions" });
  await expect(granted).toContainText("wallet:transactions:send");
  await expect(granted).toContainText("wallet:accounts:read");
  await expect(page.getByText(/Send limit: \$50\.00 per day/)).toBeVisible();
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(3); // header + BTC + ETH
  await expect(page.getByRole("table")).toContainText("BTC");
  await expect(page.getByRole("table")).toContainText("ETH");
  await expect(page.getByRole("table")).not.toContainText("USDC");
});

test("a preset pressed from the keyboard says what it chose; a box changed after makes it untrue, and it goes", async ({
  page,
}) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  const send = page.getByRole("button", { name: "Send on my behalf" });
  await expectHydrated(send);
  await send.press("Enter");
  const said = page.getByRole("status").filter({ hasText: "Send on my behalf" });
  await expect(said).toHaveText(
    "Send on my behalf: 5 permissions chosen below, with its send limit.",
  );
  await expect(page.getByLabel("Send limit amount")).toBeVisible();
  await flow.scope(/Stay connected/).uncheck();
  await expect(said).toHaveCount(0);
});

test("the send limit's currency is picked from the codes the server takes; the one picked goes into the authorize URL", async ({
  page,
}) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.preset("Send on my behalf");
  const currency = page.getByRole("combobox", { name: "Send limit currency" });
  await expect(currency).toHaveValue("USD");
  const offered = await currency
    .locator("option")
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  // Exactly the codes the authorize route names when it refuses another (an API caller may still send one).
  const query = new URLSearchParams({
    scope: "wallet:accounts:read,wallet:transactions:send",
    send_limit_amount: "50",
    send_limit_currency: "KRW",
  });
  const refused = await page.request.get(`/api/oauth/authorize?${query}`, { maxRedirects: 0 });
  expect(refused.status()).toBe(400);
  const { error } = expectEnvelope(await refused.json());
  expect(error.issues).toEqual([
    {
      path: "send_limit_currency",
      message: `The send limit's currency is one of ${offered.join(", ")}`,
    },
  ]);
  expect(offered).toContain("EUR");
  // A currency the app cannot value sends in is not offered (the route refuses it above).
  expect(offered).not.toContain("KRW");
  await expect(currency.getByRole("option", { name: "EUR – Euro" })).toHaveCount(1);

  await page.getByLabel("Send limit amount").fill("40");
  await currency.selectOption("EUR");
  await expect(page.getByTestId("authorize-preview")).toContainText(
    "meta[send_limit_currency]=EUR",
  );
  await flow.submit();
  expect(new URL(page.url()).searchParams.get("meta[send_limit_currency]")).toBe("EUR");
  await expect(page.getByText(/40 EUR per month/)).toBeVisible();
});

test("asking for more starts from the grant's send limit, not one a link carries", async ({
  page,
}) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.askToSend("40");
  await page.getByLabel("Send limit currency").selectOption("GBP");
  await page.getByLabel("Per").selectOption("week");
  await flow.submit();
  await flow.allow();
  await flow.expectSignedIn();
  // A link made elsewhere, naming the send scope with a limit of its own.
  await page.goto("/connect?add=wallet:transactions:send&limit=999999&limit_currency=EUR");
  await expect(page.getByLabel("Send limit amount")).toHaveValue("40");
  await expect(page.getByLabel("Send limit currency")).toHaveValue("GBP");
  await expect(page.getByLabel("Per")).toHaveValue("week");
  // What the form submits, not only what the fields show.
  const preview = page.getByTestId("authorize-preview");
  await expect(preview).toContainText("meta[send_limit_amount]=40");
  await expect(preview).toContainText("meta[send_limit_currency]=GBP");
  await expect(preview).toContainText("meta[send_limit_period]=week");
});

test("asking for more keeps the account access chosen: the account made for the app stays the one shared", async ({
  page,
}) => {
  const flow = new ConnectFlow(page);
  const newAccount = page.getByRole("radio", { name: "Create a new account for this app" });
  await flow.open();
  await flow.askToSend("40");
  await newAccount.check();
  await flow.submit();
  await flow.allow();
  await flow.expectSignedIn();
  await expect(page.getByRole("table")).toContainText("Ramps reference");
  const made = await page.getByLabel("From account").inputValue();

  await page.getByRole("link", { name: "Ask for more permissions" }).click();
  await expect(newAccount).toBeChecked();
  await flow.tick("Notifications", /See your notifications/);
  await expect(page.getByTestId("authorize-preview")).toContainText("account=new");
  await flow.submit();
  await expect(
    page.getByText(/“Ramps reference”, made for this app .* stays shared/),
  ).toBeVisible();
  await flow.allow();
  await flow.expectSignedIn();
  await expect(page.getByRole("list", { name: "Granted permissions" })).toContainText(
    "wallet:notifications:read",
  );
  // The same account, not a second empty one in its place.
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);
  await expect(page.getByLabel("From account")).toHaveValue(made);
});

test("'Connected.' is said once, in view and focused: the address loses it, and a reload does not say it again", async ({
  page,
}) => {
  // A phone: the Coinbase part of /account comes after the history, screens below the top.
  await page.setViewportSize({ width: 390, height: 844 });
  const flow = new ConnectFlow(page);
  await flow.connect();
  const notice = page.getByRole("status").filter({ hasText: "Connected." });
  await expect(notice).toBeFocused();
  await expect(notice).toBeInViewport();
  await expect(page).toHaveURL((url) => url.pathname === "/account" && url.search === "");
  await page.reload();
  await expect(page.getByRole("heading", { name: /Signed in as/ })).toBeVisible();
  await expect(page.getByText("Connected.", { exact: true })).toHaveCount(0);
});

test("Deny leads to a clear 'you declined' page", async ({ page }) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.submit();
  await flow.deny();
  await expect(page).toHaveURL(/\/oauth\/result/);
  await expect(page.getByRole("heading", { name: "You declined" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Start over" })).toBeVisible();
});

test("declining to grant more says the earlier connection still holds, and leads back to it", async ({
  page,
}) => {
  const flow = new ConnectFlow(page);
  await flow.connect();
  await page.getByRole("link", { name: "Ask for more permissions" }).click();
  await flow.tick("Notifications", /See your notifications/);
  await flow.submit();
  await flow.deny();
  await expect(page.getByRole("heading", { name: "You declined" })).toBeVisible();
  // Not "Nothing was shared" and "Start over": the account is still connected as it was.
  await expect(page.getByText("Nothing more was shared")).toBeVisible();
  await expect(
    page.getByText(/still connected, with the permissions you gave before/),
  ).toBeVisible();
  await page.getByRole("link", { name: "Back to your account" }).click();
  await flow.expectSignedIn();
});

test("a sign-in to Coinbase started in two tabs finishes in the first one too", async ({
  page,
  context,
}) => {
  const first = new ConnectFlow(page);
  await first.open();
  await first.submit();
  // The user starts again in another tab before answering Coinbase in the first.
  const second = new ConnectFlow(await context.newPage());
  await second.open();
  await second.submit();
  await first.allow();
  await first.expectSignedIn();
  // The second tab's sign-in is good too (it replaces the first connection).
  await second.allow();
  await second.expectSignedIn();
});

test("Connect, when already connected, says so and points to asking for more", async ({ page }) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  await expect(page.getByText("You are already connected")).toHaveCount(0);
  await flow.submit();
  await flow.allow();
  await flow.expectSignedIn();
  // The header's Connect link, as a user would take it: a new connection replaces this one.
  await page.getByRole("link", { name: "Connect", exact: true }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "You are already connected" }),
  ).toContainText("connecting again replaces that connection");
  await page.getByRole("link", { name: "Ask for more permissions on your account" }).click();
  await flow.expectSignedIn();
});

test("a Coinbase session ended without a refresh token reads the same on /account and /connect, each leading to a new connection", async ({
  page,
}) => {
  const flow = new ConnectFlow(page);
  await flow.connect();
  // Revoked where this browser cannot see it, its access token's time not yet up.
  await revokeBehindTheBrowser(page);

  // From the header's link: not "already connected", whose link leads to /account and back.
  const said = "Your Coinbase session has ended.";
  await page.goto("/connect");
  await expect(page.getByRole("status").filter({ hasText: "Please connect again" })).toContainText(
    said,
  );
  await expect(page.getByText("You are already connected")).toHaveCount(0);
  // /account says the same, and leads back to the form: the one way on.
  await page.goto("/account");
  const ended = page.getByRole("region", { name: "Please connect again" });
  await expect(ended).toContainText(said);
  await ended.getByRole("link", { name: "Connect again" }).click();
  await expect(page).toHaveURL(/\/connect$/);
  await flow.submit();
  await flow.allow();
  await flow.expectSignedIn();
});

test("a Coinbase session with a refresh token revoked at Coinbase is found ended on /connect: renewed once, refused, and forgotten", async ({
  page,
}) => {
  const flow = new ConnectFlow(page);
  await flow.connectWithRefreshToken();
  await revokeBehindTheBrowser(page);

  // Coinbase refuses the access token, which has time left, as the form shows; the renewal
  // that follows is refused too. Back on /connect, which says so and has cleared the cookie.
  await page.goto("/connect");
  await expect(page).toHaveURL(/\/connect\?ended=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Please connect again" })).toContainText(
    "Your Coinbase session has ended.",
  );
  await expect(page.getByText("You are already connected")).toHaveCount(0);
  expect(await sessionCookie(page)).toBeUndefined();
  // The form is the way on, and connects.
  await flow.submit();
  await flow.allow();
  await flow.expectSignedIn();
});

test("a tampered state is refused and no session is created", async ({ page }) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.submit();
  const tampered = new URL(page.url());
  tampered.searchParams.set("state", "attacker-chosen-state-value");
  await page.goto(tampered.toString());
  await flow.allow();
  await expect(
    page.getByRole("heading", { name: "This sign-in did not start here" }),
  ).toBeVisible();
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Not connected" })).toBeVisible();
});

test("Disconnect revokes the token: the old session is rejected by the sandbox API", async ({
  page,
  context,
}) => {
  const flow = new ConnectFlow(page);
  await flow.connect();
  const oldSession = (await context.cookies()).find((c) => c.name.endsWith("cb_session"));
  expect(oldSession).toBeDefined();

  // One tap (a thumb slipping off Send) ends nothing: it asks first.
  await page.getByText("Disconnect", { exact: true }).click();
  await expect(page).toHaveURL(/\/account/);
  await expect(page.getByText(/Coinbase stops this app from seeing your account/)).toBeVisible();
  await expectAccessibleInBothSchemes(page, "/account asking to confirm Disconnect");
  const post = page.waitForRequest((r) => r.method() === "POST" && r.url().endsWith("/disconnect"));
  await page.getByRole("button", { name: "Yes, disconnect" }).click();
  await expect(page).toHaveURL(/\/connect\?disconnected=1/);
  await expect(page.getByText(/Coinbase revoked the app/)).toBeVisible();
  await expectAccessibleInBothSchemes(page, "/connect after Disconnect");
  // The form's POST names our origin (not "null"): a browser without fetch metadata (Safari
  // before 16.4) is let through by that alone.
  expect(await (await post).headerValue("origin")).toBe(new URL(page.url()).origin);

  // Put the old cookie back: its access token must now be refused by the sandbox API.
  await context.addCookies([oldSession!]);
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Please connect again" })).toBeVisible();
});

test("Disconnect in one tab ends the connection in the app's other tabs at once", async ({
  page,
  context,
}) => {
  const flow = new ConnectFlow(page);
  await flow.connect();
  const other = await context.newPage();
  await other.goto("/account");
  await expect(other.getByRole("heading", { name: "Your Coinbase account" })).toBeVisible();
  // Its script listens once it runs.
  await expectHydrated(other.getByRole("link", { name: "Ask for more permissions" }));

  await flow.disconnect();
  // No reload: the other tab shows no account, balances or send form of a connection now gone.
  await expect(other.getByRole("heading", { name: "Not connected" })).toBeVisible();
  await expect(other.getByRole("heading", { name: "Your Coinbase account" })).toHaveCount(0);
  await other.close();
});

test("Disconnect in one tab: a /connect left open in another says it ended, and connects anew; the first hears of it, and loaded again says nothing of the old Disconnect", async ({
  page,
  context,
}) => {
  const flow = new ConnectFlow(page);
  await flow.connect();
  const other = await context.newPage();
  await other.goto("/connect");
  const already = other.getByRole("status").filter({ hasText: "You are already connected" });
  await expect(already).toBeVisible();
  const connect = other.getByRole("button", { name: "Connect with Coinbase" });
  await expectHydrated(connect);

  await flow.disconnect();
  // No reload: the other tab says the connection ended, and its form starts a new one.
  await expect(
    other.getByRole("status").filter({ hasText: "disconnected in another tab" }),
  ).toBeVisible();
  await expect(already).toHaveCount(0);
  const again = new ConnectFlow(other);
  await again.submit();
  await again.allow();
  await again.expectSignedIn();
  // No reload: the page the Disconnect landed on shows the new connection.
  await expect(page).toHaveURL(/\/connect$/);
  await expect(
    page.getByRole("status").filter({ hasText: "You are already connected" }),
  ).toBeVisible();

  // The other tab asks for more; the page the Disconnect landed on is loaded again meanwhile.
  const askForMore = other.getByRole("link", { name: "Ask for more permissions" });
  await askForMore.click();
  await expect(other).toHaveURL(/\/connect\?add=/);
  await expectHydrated(other.getByRole("button", { name: "Connect with Coinbase" }));
  await page.goto("/connect?disconnected=1");
  await expect(
    page.getByRole("status").filter({ hasText: "You are already connected" }),
  ).toBeVisible();
  await expect(page.getByText("Disconnected: Coinbase revoked the app's access.")).toHaveCount(0);
  // It told no tab the connection ended: the one asking for more keeps its grant.
  await expect(other).toHaveURL(/\/connect\?add=/);
  await expect(other.getByText("disconnected in another tab")).toHaveCount(0);
  await other.close();
});

test("asking for more keeps the currencies the accounts were narrowed to", async ({ page }) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  await page.getByLabel(/Only these currencies/).fill("BTC");
  await flow.submit();
  await page.getByRole("checkbox", { name: /BTC/ }).check();
  await flow.allow();
  await flow.expectSignedIn();

  await page.getByRole("link", { name: "Ask for more permissions" }).click();
  await expect(page.getByLabel(/Only these currencies/)).toHaveValue("BTC");
  await flow.tick("Notifications", /See your notifications/);
  await expect(page.getByTestId("authorize-preview")).toContainText("account_currency=BTC");
  await flow.submit();
  // Coinbase's page offers the BTC accounts again, not every account the user has.
  await expect(page.getByRole("checkbox", { name: /BTC/ })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /ETH|USDC/ })).toHaveCount(0);
});

test("Coinbase's consent page answered again, after its request was answered, leads back to the app's Connect page", async ({
  page,
}) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.submit();
  const pending = await page.locator('input[name="pending"]').inputValue();
  await flow.allow();
  await flow.expectSignedIn();
  // The consent page's form sent again (a tab left open, Back): Deny, this time.
  await page.evaluate((id) => {
    const form = document.createElement("form");
    form.method = "post";
    form.action = "/sandbox/login/oauth2/consent";
    for (const [name, value] of [
      ["pending", id],
      ["decision", "deny"],
    ]) {
      const input = document.createElement("input");
      Object.assign(input, { type: "hidden", name, value });
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  }, pending);
  await expect(
    page.getByRole("heading", { name: "This sign-in request is no longer open" }),
  ).toBeVisible();
  await page.getByRole("link", { name: "Back to the app to connect again" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/connect");
  await expect(page.getByRole("button", { name: "Connect with Coinbase" })).toBeVisible();
});

test("a renewal sent with the cookie of a connection since replaced (another tab connected again) leaves the new one in place", async ({
  page,
  request,
}) => {
  const flow = new ConnectFlow(page);
  await flow.connectWithRefreshToken();
  const old = await sessionCookie(page);
  // Connected again: the first connection's grant is ended, and its cookie replaced.
  await flow.connect();
  expect((await sessionCookie(page))?.value).not.toBe(old?.value);
  // A renewal still carrying the old cookie (a tab that sent it just before).
  const origin = new URL(page.url()).origin;
  const renewal = await request.post("/oauth/refresh", {
    headers: { origin, cookie: `${old!.name}=${old!.value}` },
    maxRedirects: 0,
  });
  expect(renewal.status()).toBe(303);
  // Back to the page, which uses the browser's cookie (marked: it does not renew again).
  expect(renewal.headers().location).toMatch(new RegExp(`^${origin}/account\\?refreshed=`));
  // The browser's new cookie is not cleared, nor the old grant renewed over it.
  expect(renewal.headers()["set-cookie"] ?? "").not.toMatch(/cb_session=/);
});

test.describe("with access tokens that expire after 4 seconds", () => {
  test.use({ baseURL: SHORT_TOKEN_APP_URL });

  // What a visit to /account ends on once Coinbase's part has loaded (a renewal included).
  const settled = (page: Page) =>
    page.getByRole("heading", { name: /^(Your Coinbase account|Please connect again)$/ });

  /**
   * Visits `path` until `check` passes: each visit before the access token runs out shows the
   * account unchanged, so this waits as long as the token lives, not a fixed time past it.
   */
  async function visitUntil(page: Page, path: () => string, check: () => unknown) {
    await expect(async () => {
      await page.goto(path());
      await expect(settled(page)).toBeVisible();
      await check();
    }).toPass({ intervals: [250], timeout: 20_000 });
  }

  const renewed =
    (page: Page, mark = /^\d+$/) =>
    () => {
      const url = new URL(page.url());
      expect(url.pathname).toBe("/account");
      expect(url.searchParams.get("refreshed")).toMatch(mark);
    };

  test("an expired access token is refreshed and the user stays signed in; the renewed session stays its owner's", async ({
    page,
  }) => {
    await signInOverHttp(page, { next: "/" });
    await new ConnectFlow(page).connectWithRefreshToken();
    await expect(page.getByRole("table")).toBeVisible();

    await visitUntil(page, () => "/account", renewed(page));
    await expect(page.getByRole("table")).toBeVisible();
    await expect(page.getByRole("list", { name: "Granted permissions" })).toContainText(
      "offline_access",
    );

    // The rotated refresh token works again later.
    await visitUntil(page, () => "/account", renewed(page));
    await expect(page.getByRole("table")).toBeVisible();

    // Renewed twice, still tied to the app user who connected it: without their sign-in,
    // nobody sees it.
    await page.context().clearCookies({ name: "ramp.session" });
    await page.goto("/account");
    await expect(
      page.getByRole("heading", { level: 2, name: "Sign in to see your Coinbase account" }),
    ).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
  });

  test("a page of /account's history ('Older') opened past the token's life comes back to that page once renewed", async ({
    page,
  }) => {
    await signInOverHttp(page, { next: "/" });
    await new ConnectFlow(page).connectWithRefreshToken();
    const row = "0b5c9d2e-3f4a-4b6c-8d7e-9f0a1b2c3d4e"; // a ledger id's shape: the page it starts after
    await visitUntil(
      page,
      // (No fragment: going to the same URL with one again would not load the page again.)
      () => `/account?after=${row}`,
      () => {
        renewed(page)();
        const url = new URL(page.url());
        expect(url.searchParams.get("after")).toBe(row);
        expect(url.hash).toBe("#history-title");
      },
    );
  });

  test("/connect renews an access token past its time before it shows, and finds one revoked at Coinbase ended", async ({
    page,
  }) => {
    const flow = new ConnectFlow(page);
    await flow.connectWithRefreshToken();
    const connected = await sessionCookie(page);

    // Past its time: renewed on the way to the page, which then calls it a connection to keep.
    await page.waitForTimeout(4_500);
    await page.goto("/connect");
    await expect(page).toHaveURL(/\/connect\?refreshed=\d{13}$/);
    await expect(
      page.getByRole("status").filter({ hasText: "You are already connected" }),
    ).toBeVisible();
    expect((await sessionCookie(page))?.value).not.toBe(connected?.value);

    // Revoked at Coinbase, and past its time again: the renewal is refused, the session ended.
    await revokeBehindTheBrowser(page);
    await page.waitForTimeout(4_500);
    await page.goto("/connect");
    await expect(page).toHaveURL(/\/connect\?ended=1$/);
    await expect(
      page.getByRole("status").filter({ hasText: "Please connect again" }),
    ).toContainText("Your Coinbase session has ended.");
    expect(await sessionCookie(page)).toBeUndefined();
  });

  test("an old ?refreshed link (a bookmark) still renews; a fresh one stops a second renewal", async ({
    page,
  }) => {
    await new ConnectFlow(page).connectWithRefreshToken();

    await visitUntil(page, () => "/account?refreshed=1", renewed(page, /^\d{13}$/));
    await expect(page.getByRole("table")).toBeVisible();

    // Renewed moments ago, yet expired again: no second renewal on this visit, no loop.
    const connectAgain = page.getByRole("heading", { name: "Please connect again" });
    await visitUntil(
      page,
      () => `/account?refreshed=${Date.now()}`,
      async () => {
        expect(await connectAgain.isVisible()).toBe(true);
      },
    );
    await expect(page).toHaveURL(/\/account\?refreshed=\d{13}$/);
  });
});

test("a refused Connect submit takes focus to what is wrong, even far above the button", async ({
  page,
}) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.askToSend("");
  await page.getByRole("button", { name: "Connect with Coinbase" }).click();
  await expect(page.getByLabel("Send limit amount")).toBeFocused();
  await expect(page.getByLabel("Send limit amount")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/connect$/);
});

test("Connect with Coinbase pressed while the form's checks load says it is under way; checks that cannot load are said, and the next press goes on", async ({
  page,
}) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  const connect = page.getByRole("button", { name: /Connect with Coinbase|Opening Coinbase/ });
  await expectHydrated(connect);
  // The checks load on the first touch of the form. Offline first: they cannot.
  const chunks = "**/_next/static/chunks/**/*.js";
  await page.route(chunks, (route) => route.abort("internetdisconnected"));
  await connect.click();
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toHaveText(/Part of this page did not load/);
  await expect(alert).toBeFocused();
  await expect(connect).toHaveText("Connect with Coinbase");
  await expect(connect).toBeEnabled();
  // Back online, but slow: the press is taken at once, and goes on once the checks arrive.
  await page.unroute(chunks);
  const release = await holdScripts(page);
  await connect.click();
  await expect(connect).toHaveText("Opening Coinbase…");
  await expect(connect).toBeDisabled();
  release();
  await expect(page).toHaveURL(/\/sandbox\/login\/oauth2\/auth\?/);
});

test("a send limit typed with a decimal comma (a comma keypad) goes to Coinbase with a point", async ({
  page,
}) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.askToSend("50,50");
  await expect(page.getByTestId("authorize-preview")).toContainText(
    "meta[send_limit_amount]=50.50",
  );
  await flow.submit();
  await expect(page).toHaveURL(/meta%5Bsend_limit_amount%5D=50\.50&/);
  await expect(page.getByText(/Send crypto from your accounts/)).toBeVisible();
});

test("the choices survive a reload and Back from Coinbase's page", async ({ page }) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.askToSend("75");
  await page.getByLabel("Per").selectOption("week");
  await flow.tick("User", /See your email address/);
  await page.getByLabel("All of the user's accounts").check();
  async function expectAsLeft(when: string) {
    await expect(page.getByLabel("Send limit amount"), when).toHaveValue("75");
    await expect(page.getByLabel("Per"), when).toHaveValue("week");
    await expect(flow.scope(/See your email address/), when).toBeChecked();
    await expect(flow.scope(/Send crypto from your accounts/), when).toBeChecked();
    await expect(page.getByLabel("All of the user's accounts"), when).toBeChecked();
  }
  await page.reload();
  await expectAsLeft("after a reload");
  await flow.submit();
  await expect(page).toHaveURL(/meta%5Bsend_limit_period%5D=week/);
  await page.goBack();
  await expectAsLeft("back from Coinbase's page");
  await expect(page.getByRole("button", { name: "Connect with Coinbase" })).toBeEnabled();
});

test("a preset is off until the page's script runs, then ticks its scopes", async ({ page }) => {
  const release = await holdScripts(page);
  await page.goto("/connect", { waitUntil: "commit" });
  const preset = page.getByRole("button", { name: "View history" });
  // Tapped now, it would do nothing: it says it cannot be used yet.
  await expect(preset).toBeDisabled();
  release();
  await expectHydrated(preset);
  await preset.click();
  await expect(new ConnectFlow(page).scope(/^See your past purchases/)).toBeChecked();
});

test("the accounts update scope says all it allows: renaming, and choosing the primary account", async ({
  page,
}) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.openGroup("Accounts");
  // Coinbase's wallet:accounts:update covers updating an account and setting it as primary.
  const scope = flow.scope(/^Rename your accounts and choose the primary one/);
  await expect(scope).toHaveValue("wallet:accounts:update");
  // Read as words apart: the warning and the scope's id are not run into the description.
  await expect(scope).toHaveAccessibleName(
    "Rename your accounts and choose the primary one (moves money or changes your account) wallet:accounts:update",
  );
});

test("unticking a group's last scope leaves the group open, the focus where it was", async ({
  page,
}) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  // Chosen by default: the Accounts group starts open.
  const read = flow.scope(/^See your accounts and their balances/);
  await expect(read).toBeChecked();
  await read.focus();
  await page.keyboard.press("Space");
  await expect(read).not.toBeChecked();
  await expect(read).toBeVisible();
  await expect(read).toBeFocused();
  await expect(page.locator("summary", { hasText: "Accounts" })).toContainText("none chosen");
  // A preset that chooses in a closed group opens it.
  await expect(flow.scope(/^See your transaction history/)).toBeHidden();
  await flow.preset("View history");
  await expect(flow.scope(/^See your transaction history/)).toBeVisible();
});
