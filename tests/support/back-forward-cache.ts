import { chromium, test, type Browser } from "@playwright/test";

/**
 * Runs `run` with a browser of its own that keeps pages in the back/forward cache, as a real
 * browser does (Playwright turns the cache off by default), and closes it after.
 */
export async function withBackForwardCache(run: (browser: Browser) => Promise<void>) {
  const launchOptions = test.info().project.use.launchOptions ?? {};
  const browser = await chromium.launch({
    ...launchOptions,
    ignoreDefaultArgs: ["--disable-back-forward-cache"],
  });
  try {
    await run(browser);
  } finally {
    await browser.close();
  }
}
