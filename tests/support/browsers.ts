import { existsSync } from "node:fs";
import type { LaunchOptions } from "@playwright/test";

/**
 * Which Chromium the browser tests drive. Playwright cannot download browsers on every machine
 * (CI here has no internet), so a Chromium already installed comes first: CHROMIUM_PATH if set,
 * for every test; else Debian's.
 *
 * Most tests run in Chromium's headless shell (Debian's `chromium-headless-shell`): Chromium
 * without the code of a window, far lighter on the CPU than the full browser on the same pages
 * (the browser takes the biggest share of a test run's CPU). It keeps no back/forward cache, so the tests of pages
 * restored from that cache launch the full browser (`/usr/bin/chromium`).
 * Without either, Playwright's own: its headless shell, and its full Chromium for the cache.
 */
const firstPresent = (paths: string[]) => paths.find((p) => existsSync(p));

const fullChromium =
  process.env.CHROMIUM_PATH || firstPresent(["/usr/bin/chromium", "/usr/bin/chromium-browser"]);

const headlessShell =
  process.env.CHROMIUM_PATH ||
  firstPresent(["/usr/lib/chromium/chromium-headless-shell"]) ||
  fullChromium;

/** The browser of most tests. */
export const DEFAULT_BROWSER: Pick<LaunchOptions, "executablePath"> = {
  executablePath: headlessShell,
};

/** A browser that keeps pages in the back/forward cache: the full Chromium. */
export const FULL_BROWSER: Pick<LaunchOptions, "executablePath" | "channel"> = fullChromium
  ? { executablePath: fullChromium }
  : { executablePath: undefined, channel: "chromium" };
