import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

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

/**
 * The contrast of the focus ring drawn round `element` (its outline) against the page's
 * background, as WCAG computes it: axe does not check focus rings.
 * 0 when there is no ring. Colours are read as the browser paints them (a canvas pixel), since
 * computed styles may give them in oklch.
 */
export async function focusRingContrast(element: Locator): Promise<number> {
  return element.evaluate((el) => {
    const style = getComputedStyle(el);
    if (style.outlineStyle === "none" || parseFloat(style.outlineWidth) === 0) return 0;
    const canvas = document.createElement("canvas").getContext("2d")!;
    const luminance = (color: string) => {
      canvas.fillStyle = color;
      canvas.fillRect(0, 0, 1, 1);
      const [r, g, b] = [...canvas.getImageData(0, 0, 1, 1).data].map((v) => {
        const c = v / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const ring = luminance(style.outlineColor);
    const page = luminance(getComputedStyle(document.body).backgroundColor);
    return (Math.max(ring, page) + 0.05) / (Math.min(ring, page) + 0.05);
  });
}
