import { expect, test } from "@playwright/test";
import { expectHydrated, holdScripts } from "../support/slow-scripts";
import { ConnectFlow } from "./connect-page";

/** /connect on a phone: presets first, scopes grouped and collapsed, the limit by the send scope. */
for (const [name, viewport] of [
  ["phone", { width: 390, height: 844 }],
  ["desktop", { width: 1280, height: 800 }],
] as const) {
  test.describe(`on a ${name}`, () => {
    test.use({ viewport });

    test("presets come first, groups are collapsed, each scope in words with its raw id, the limit beside the send scope", async ({
      page,
    }) => {
      const flow = new ConnectFlow(page);
      await flow.open();
      const presets = page.getByRole("group", { name: "Presets" });
      const firstPreset = await presets.boundingBox();
      const firstGroup = await page.locator("summary").first().boundingBox();
      expect(firstPreset!.y).toBeLessThan(firstGroup!.y);
      expect(firstPreset!.y + firstPreset!.height).toBeLessThan(viewport.height);

      // A group with nothing chosen is closed: its scopes are one tap away.
      await expect(page.locator("summary", { hasText: "Addresses" })).toContainText("none chosen");
      // Read out as two words, not "Addresses" run into what follows.
      await expect(page.locator("summary", { hasText: "Addresses" })).toHaveAccessibleName(
        "Addresses none chosen",
      );
      await expect(flow.scope(/See your receive addresses/)).toBeHidden();
      await flow.openGroup("Addresses");
      await expect(flow.scope(/See your receive addresses/)).toBeVisible();
      await expect(page.getByText("wallet:addresses:read", { exact: true })).toBeVisible();

      await flow.preset("Send on my behalf");
      const send = await flow.scope(/Send crypto from your accounts/).boundingBox();
      const limit = await page.getByLabel("Send limit amount").boundingBox();
      const next = await flow.scope(/Request money from other people/).boundingBox();
      expect(limit!.y).toBeGreaterThan(send!.y);
      expect(limit!.y).toBeLessThan(next!.y);

      // A scope whose words wrap keeps a full-size box (a flex row would squeeze it).
      const boxes = page.locator("details[open] input[type=checkbox]");
      const widths = await boxes.evaluateAll((inputs) =>
        inputs.map((input) => input.getBoundingClientRect().width),
      );
      expect(widths.length).toBeGreaterThan(5);
      expect(new Set(widths)).toEqual(new Set([16]));
    });
  });
}

test("scopes ticked and the access picked before the page's script has run are kept", async ({
  page,
}) => {
  const release = await holdScripts(page);
  await page.goto("/connect", { waitUntil: "commit" });
  const flow = new ConnectFlow(page);
  // Two boxes at once: each must land in the form's state, not replace the other.
  await flow.scope(/Create new accounts/).check();
  await flow.scope(/See your email address/).check();
  await page.getByRole("radio", { name: "All of the user's accounts" }).check();
  // Sent now by the browser itself, the form would ask for what the page opened with.
  const connect = page.getByRole("button", { name: "Connect with Coinbase" });
  await expect(connect).toBeDisabled();
  release();
  await expectHydrated(flow.scope(/Create new accounts/));
  await expect(page.locator("summary", { hasText: "Accounts" })).toContainText("2 of 4 chosen");
  await expect(page.locator("summary", { hasText: "User" })).toContainText("2 of 3 chosen");
  await expect(page.getByRole("radio", { name: "All of the user's accounts" })).toBeChecked();
  // "Only these currencies" belongs to letting the user pick: gone with the access changed.
  await expect(page.getByLabel(/Only these currencies/)).toBeHidden();
  // What goes to Coinbase is what was ticked.
  await connect.click();
  await expect(page).toHaveURL(/\/sandbox\/login\/oauth2\/auth\?/);
  const scope = new URL(page.url()).searchParams.get("scope")?.split(/[ ,]/) ?? [];
  expect(scope).toEqual(expect.arrayContaining(["wallet:accounts:create", "wallet:user:email"]));
});
