import type { Page } from "@playwright/test";

/**
 * Time passing, for a completion page: its clock `ms` ahead (Playwright's clock) and the server's
 * too, as the page reads it. The page judges "over the hour" by the server's clock
 * (`now` in GET /api/transactions), which a test cannot move: its answers are given with `now`
 * moved by as much, as after `ms` of real time. Everything else in them is the server's.
 */
export async function letTimePass(page: Page, ms: number): Promise<void> {
  await page.clock.install({ time: Date.now() + ms });
  await page.route("**/api/transactions?*", async (route) => {
    const answer = await route.fetch();
    const body = (await answer.json().catch(() => null)) as { now?: number } | null;
    if (!answer.ok() || typeof body?.now !== "number") return route.fulfill({ response: answer });
    await route.fulfill({ response: answer, json: { ...body, now: body.now + ms } });
  });
}
