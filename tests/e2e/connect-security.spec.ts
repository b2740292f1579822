import { expect, test, type Page } from "@playwright/test";
import { PORTS, SANDBOX_URL } from "../support/e2e-servers";
import { ConnectFlow } from "./connect-page";

/**
 * The OAuth findings of the security review that a browser shows. "Another site" is a page
 * on another port of localhost: the same site, another origin, like a sibling subdomain,
 * so our SameSite=Lax cookies go along, which is the harder case.
 */
const OTHER_ORIGIN = `http://localhost:${PORTS.sandbox + 98}`;

async function connect(page: Page) {
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.submit();
  await flow.allow();
  await flow.expectSignedIn();
}

/** Opens a page of another origin whose HTML is `body` (served by the test, not the app). */
async function openOtherSite(page: Page, body: string) {
  await page.route(`${OTHER_ORIGIN}/**`, (route) =>
    route.fulfill({ contentType: "text/html", body: `<!doctype html>${body}` }),
  );
  await page.goto(`${OTHER_ORIGIN}/page`);
}

async function expectStillConnected(page: Page) {
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Your Coinbase account" })).toBeVisible();
}

test("another site's form POST to /oauth/disconnect does not end the session", async ({ page }) => {
  await connect(page);
  await openOtherSite(
    page,
    `<form method="post" action="${SANDBOX_URL}/oauth/disconnect"><button>Win a prize</button></form>`,
  );
  await page.getByRole("button", { name: "Win a prize" }).click();
  await expect(page.getByText(/must come from this app/)).toBeVisible();
  await expectStillConnected(page);
});

test("another site's link to /oauth/refresh does not end the session", async ({ page }) => {
  await connect(page);
  await openOtherSite(page, `<a href="${SANDBOX_URL}/oauth/refresh">Read more</a>`);
  await page.getByRole("link", { name: "Read more" }).click();
  await expect(page.getByRole("heading", { name: "Renew your Coinbase session" })).toBeVisible();
  await expectStillConnected(page);
});

test("disconnect without a session does not claim Coinbase revoked anything", async ({ page }) => {
  const response = await page.request.post("/oauth/disconnect", {
    headers: { origin: SANDBOX_URL },
    maxRedirects: 0,
  });
  expect(response.headers().location).not.toMatch(/disconnected=1/);
});

test("a junk callback during a sign-in does not break the real one", async ({ page }) => {
  const flow = new ConnectFlow(page);
  await flow.open();
  await flow.submit();
  const consent = page.url();
  await page.goto("/oauth/callback?code=junk&state=attacker-chosen-state-value");
  await expect(
    page.getByRole("heading", { name: "This sign-in did not start here" }),
  ).toBeVisible();
  await page.goto(consent);
  await flow.allow();
  await flow.expectSignedIn();
});

test("a cb_oauth_detail cookie set by someone else never puts its words on the result page", async ({
  page,
  context,
}) => {
  await context.addCookies([
    {
      name: "cb_oauth_detail",
      value: "Call 555-0100 to restore your account",
      url: SANDBOX_URL,
    },
  ]);
  await page.goto("/oauth/result?failure=coinbase_error");
  await expect(page.getByRole("heading", { name: /Coinbase could not connect/ })).toBeVisible();
  await expect(page.getByText(/555-0100/)).toHaveCount(0);
});
