import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * axe-core over the page as it is now (WCAG 2.x A and AA rules): no violations. Called
 * on every page and in each state the e2e tests bring a page to.
 */
export async function expectAccessible(page: Page, label = page.url()) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const summary = violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`).join(", ")})`,
  );
  expect(summary, `accessibility of ${label}`).toEqual([]);
}

/** The same, in the dark colour scheme and then in the light one the tests run in. */
export async function expectAccessibleInBothSchemes(page: Page, label: string) {
  await page.emulateMedia({ colorScheme: "dark" });
  await expectAccessible(page, `${label}, dark`);
  await page.emulateMedia({ colorScheme: "light" });
  await expectAccessible(page, `${label}, light`);
}
