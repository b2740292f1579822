import type { Locator } from "@playwright/test";

/**
 * Records every text `region` (a live region) takes from now on, as a screen reader would hear
 * it; the function returned reads them. A change a test cannot catch in passing (a wording
 * that lasts a moment) is kept here.
 */
export async function recordWhatIsSaid(region: Locator): Promise<() => Promise<string[]>> {
  const key = `said-${Math.random().toString(36).slice(2)}`;
  await region.evaluate((element, key) => {
    const said: string[] = [];
    Object.assign(window, { [key]: said });
    new MutationObserver(() => said.push(element.textContent ?? "")).observe(element, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  }, key);
  return () =>
    region
      .page()
      .evaluate((key) => (window as unknown as Record<string, string[]>)[key] ?? [], key);
}
