import { expect, type Locator, type Page } from "@playwright/test";

/**
 * A slow phone: the page's HTML is on screen while its scripts are still on the way. Holds
 * every script of the app until the returned function is called.
 */
export async function holdScripts(page: Page): Promise<() => void> {
  let release = () => {};
  const arrive = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/chunks/**/*.js", async (route) => {
    await arrive;
    await route.continue();
  });
  return release;
}

/** Waits until React has hydrated `element` (its handlers are attached). */
export async function expectHydrated(element: Locator): Promise<void> {
  await expect
    .poll(() => element.evaluate((e) => Object.keys(e).some((k) => k.startsWith("__reactProps"))))
    .toBe(true);
}
