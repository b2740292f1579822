import { expect, test } from "@playwright/test";
import { expectHydrated } from "../support/slow-scripts";
import { ConnectFlow } from "./connect-page";
import { RampFormPage, historyRow, startMorePurchases } from "./ramp-page";

test.use({ viewport: { width: 390, height: 844 } });

test("on a phone, a history entry with a long amount keeps its status on screen, the page not scrolling sideways", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "buy");
  // An amount in ETH to the wei: one long figure that does not wrap.
  await form.fill("Ethereum (ETH)", "Base");
  await form.amountIn("ETH");
  await form.amount("0.123456789012345678");
  await form.submit.click();
  await form.expectOnPayPage();
  await page.goto("/account");
  const row = historyRow(page, "Buy ETH on Base");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("0.123456789012345678 ETH");
  const status = row.getByRole("cell").filter({ hasText: "Waiting for Coinbase" });
  // Wholly on screen, so within the 390 px. (Not measured apart: the history shown at once is
  // replaced by the same one streamed in once Coinbase was asked, and a cell measured as the
  // swap happens has no box.)
  await expect(status).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("a history longer than a page goes on behind Older, and comes back by Newer", async ({
  page,
}) => {
  const form = await RampFormPage.signedIn(page, "buy");
  await form.continueToCoinbase("Ethereum (ETH)", "Base", "20");
  // A page's worth started after it: 20, a phone's few screens (50 cards were some 11,000 px).
  await startMorePurchases(page, 20);
  await page.goto("/account");
  const history = page.getByRole("region", { name: "Your ramp history" });
  const rows = history.locator("tbody").getByRole("row");
  await expect(rows).toHaveCount(20);
  await expect(historyRow(page, "Buy ETH on Base")).toHaveCount(0);
  await expect(history.getByRole("link", { name: "Newest" })).toHaveCount(0);
  await expect(history.getByRole("link", { name: "Newer" })).toHaveCount(0);

  const heading = history.getByRole("heading", { name: "Your ramp history" });
  const older = history.getByRole("link", { name: "Older" });
  // Clicked once the page's script runs: before, the link is a plain one (a page loaded afresh).
  await expectHydrated(older);
  await older.click();
  await expect(page).toHaveURL(/\/account\?after=[\w-]+$/);
  await expect(rows).toHaveCount(1);
  await expect(historyRow(page, "Buy ETH on Base")).toContainText("$20.00");
  await expect(older).toHaveCount(0);
  // The page lands on the history, whose heading is read out.
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();

  // Back: at Older again, focused, not at the top of the page (screens above it).
  await page.goBack();
  await expect(rows).toHaveCount(20);
  await expect(older).toBeFocused();
  await expect(older).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(2000);
  await page.goForward();
  await expect(rows).toHaveCount(1);

  // The page before is the newest: one way back to it, not two.
  await expect(history.getByRole("link", { name: "Newest" })).toHaveCount(0);
  await history.getByRole("link", { name: "Newer" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(rows).toHaveCount(20);
  await expect(rows.first()).toContainText("Buy USDC on Base");
  await expect(heading).toBeFocused();

  // A row far down opened, then Back: the reader is back at it, not at the heading.
  const far = rows.nth(15);
  await far.scrollIntoViewIfNeeded();
  const there = await page.evaluate(() => window.scrollY);
  expect(there).toBeGreaterThan(2000);
  await far.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/buy\/complete\?order=[\w-]+&from=list$/);
  await page.goBack();
  await expect(rows).toHaveCount(20);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(there - 300);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeLessThan(there + 300);
});

test("connected, the top of the account offers a jump past the history to the Coinbase account", async ({
  page,
}) => {
  await RampFormPage.signedIn(page, "buy");
  await startMorePurchases(page, 5);
  const jump = page.getByRole("link", { name: "Jump to your Coinbase account" });
  await page.goto("/account");
  await expect(historyRow(page, "Buy USDC on Base")).toHaveCount(5);
  // Nothing to jump to before a Coinbase account is connected.
  await expect(jump).toHaveCount(0);

  await new ConnectFlow(page).connect();
  await page.goto("/account");
  await expect(jump).toBeInViewport();
  const coinbase = page.getByRole("heading", { level: 2, name: "Your Coinbase account" });
  await expect(coinbase).not.toBeInViewport();
  await expectHydrated(jump);
  await jump.click();
  await expect(coinbase).toBeInViewport();
  // The focus goes with it: the next Tab is in the Coinbase part, not back in the history.
  await expect(page.locator("#coinbase-account")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.locator("#coinbase-account :focus")).toHaveCount(1);
  // The address stays /account: Back is not spent on the jump.
  await expect(page).toHaveURL(/\/account$/);
});

test.describe("in New York", () => {
  test.use({ timezoneId: "America/New_York" });

  test("the history says when a purchase started in the reader's own time, with the zone named", async ({
    page,
  }) => {
    const form = await RampFormPage.signedIn(page, "buy");
    await form.continueToCoinbase("Ethereum (ETH)", "Base", "20");
    await page.goto("/account");
    const started = historyRow(page, "Buy ETH on Base").locator("time");
    const iso = (await started.getAttribute("datetime"))!;
    // New York in December is five hours behind UTC.
    const there = new Date(Date.parse(iso) - 5 * 3600_000);
    const hour = there.getUTCHours() % 12 || 12;
    const minute = String(there.getUTCMinutes()).padStart(2, "0");
    await expect(started).toHaveText(
      new RegExp(
        `^[A-Z][a-z]{2} ${there.getUTCDate()}, ${there.getUTCFullYear()}, ${hour}:${minute} (AM|PM) EST$`,
      ),
    );
  });
});
