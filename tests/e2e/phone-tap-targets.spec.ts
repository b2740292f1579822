import { expect, test, type Locator } from "@playwright/test";
import { expectHydrated } from "../support/slow-scripts";
import { ConnectFlow } from "./connect-page";
import { RampFormPage } from "./ramp-page";

/**
 * On a phone, the small links and toggles a finger has to hit are at least 24 x 24 CSS px
 * (WCAG 2.2, 2.5.8 Target Size): plain text links were as tall as their text, 16 to 20 px.
 */
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

async function expectTapTarget(target: Locator, name: string) {
  await expect(target, name).toBeVisible();
  const box = (await target.boundingBox())!;
  expect.soft(box.height, `${name}: height`).toBeGreaterThanOrEqual(24);
  expect.soft(box.width, `${name}: width`).toBeGreaterThanOrEqual(24);
}

test("the header's links, the region's Change and the quote's and URL's disclosures are big enough to tap", async ({
  page,
}) => {
  for (const side of ["buy", "sell"] as const) {
    await page.goto(`/${side}`);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Buy", "Sell", "Connect", "Account", "Sign in"])
      await expectTapTarget(nav.getByRole("link", { name, exact: true }), `header ${name}`);
    await expectTapTarget(page.getByRole("button", { name: "Change" }), `${side}: Change`);
    await expectTapTarget(
      page.locator("summary", { hasText: "Details for developers" }),
      `${side}: Details for developers`,
    );
  }

  await page.goto("/buy");
  await expectHydrated(page.getByRole("button", { name: "100 USD" }));
  await page.getByRole("button", { name: "100 USD" }).click();
  await expect(page.locator('[data-quote="receive"]')).toHaveText(/\d/);
  await expectTapTarget(page.locator("summary", { hasText: "Fees included" }), "Fees included");

  await page.goto("/connect");
  await expectTapTarget(
    page.locator("summary", { hasText: "Details for developers" }),
    "/connect: Details for developers",
  );
});

test("the sale's Show QR code is big enough to tap", async ({ page }) => {
  const form = await RampFormPage.signedIn(page, "sell");
  await form.continueToCoinbase("Ethereum (ETH)", "Base", "0.05");
  await form.finishOnSandboxPayPage();
  await expectTapTarget(page.getByRole("button", { name: "Show QR code" }), "Show QR code");
});

test("the account's Ask for more permissions is big enough to tap", async ({ page }) => {
  await new ConnectFlow(page).connect();
  await expectTapTarget(
    page.getByRole("link", { name: "Ask for more permissions" }),
    "Ask for more permissions",
  );
});
