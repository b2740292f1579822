import { expect, type Browser, type PlaywrightWorkerArgs } from "@playwright/test";
import { LIVE_URL } from "../support/e2e-servers";
import { setFault } from "../support/fault-upstream";
import { signInInBrowser } from "../support/sign-in";

/**
 * Production order for the live server: with Coinbase up, a user signs in (code by SMTP) and
 * a real browser renders every page, and connects Coinbase, as a server in production has long
 * done before its first Coinbase error. Specs that meet upstream faults call it first, each on
 * its own, so none depends on another having run before it. (Errors once crossed route
 * bundles through process-wide state and lost their type after a page had rendered: tests
 * that never rendered a page first could not see it.)
 */
export async function renderPagesFirst(
  browser: Browser,
  playwright: PlaywrightWorkerArgs["playwright"],
): Promise<void> {
  const control = await playwright.request.newContext();
  await setFault(control, "ok");
  const context = await browser.newContext({ baseURL: LIVE_URL });
  const page = await context.newPage();
  const email = await signInInBrowser(page, { next: "/" });
  await expect(page.getByTestId("signed-in-as")).toContainText(`Signed in as ${email}`);
  const pages: [string, string][] = [
    ["/", "Buy, sell and connect with Coinbase"],
    ["/buy", "Buy crypto"],
    ["/sell", "Sell crypto"],
    ["/connect", "Connect your Coinbase account"],
    ["/account", "Your account"],
  ];
  for (const [path, heading] of pages) {
    expect((await page.goto(path))?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    if (path === "/account")
      await expect(page.getByRole("heading", { level: 2, name: "Not connected" })).toBeVisible();
    // The buy form quotes its default amount through /api/quote.
    if (path === "/buy") {
      await expect(page.getByRole("region", { name: "Quote" })).toContainText("You pay");
      await expect(page.getByRole("button", { name: "Continue to Coinbase" })).toBeVisible();
    }
  }
  // Connect through the fault upstream (it consents at once): /account reads all of /v2.
  await page.goto("/connect");
  await page.getByRole("button", { name: "Connect with Coinbase" }).click();
  // Back on /account (whose "Connected." then drops the query from the address).
  await expect(page).toHaveURL((url) => url.href.startsWith(`${LIVE_URL}/account`));
  await expect(
    page.getByRole("heading", { name: "Signed in as Fault Upstream User" }),
  ).toBeVisible();
  await expect(page.getByRole("table")).toContainText("USDC");
  await context.close();
  await control.dispose();
}
