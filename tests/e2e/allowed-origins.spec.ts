import { expect, test, type Page } from "@playwright/test";
import { VALID_QUOTE } from "../support/api";
import { PARTNER_PAGE_ORIGIN, SANDBOX_URL } from "../support/e2e-servers";

/**
 * A partner's page on an origin in ALLOWED_ORIGINS calls the API from a browser, as
 * .env.local.example promises: the browser's preflight is answered and the page reads the
 * answer. A page on any other origin is refused by the browser and by the server. The pages
 * are made up here (Playwright answers for their origins); the API is the sandbox server's.
 */
// Another site (loopback too, for the same reason), not listed.
const OTHER_ORIGIN = "http://127.0.0.1:3798";

async function pageOn(page: Page, origin: string) {
  // Here the API is on loopback, which Chromium lets another origin's page reach only with the
  // user's leave (a partner's real API host is public, and needs none).
  await page.context().grantPermissions(["local-network-access"], { origin });
  await page.route(`${origin}/**`, (route) =>
    route.fulfill({ contentType: "text/html", body: "<!doctype html><title>A wallet</title>" }),
  );
  await page.goto(`${origin}/`);
}

function quoteFromPage(page: Page, headers: Record<string, string> = {}) {
  return page.evaluate(
    async ({ url, body, headers }) => {
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify(body),
          credentials: "include",
        });
        return { status: response.status, body: (await response.json()) as unknown };
      } catch (error) {
        return { failed: String(error) };
      }
    },
    { url: `${SANDBOX_URL}/api/quote`, body: VALID_QUOTE, headers },
  );
}

test("a page on a listed origin gets a quote from the API; one on another origin does not", async ({
  page,
}) => {
  await pageOn(page, PARTNER_PAGE_ORIGIN);
  const listed = await quoteFromPage(page);
  expect(listed).toMatchObject({ status: 200, body: { quoteId: expect.any(String) } });
  // With the page's user named, as our own pages and components/ramp send it.
  const named = await quoteFromPage(page, { "x-expected-user": "user-1" });
  expect(named).toMatchObject({ status: 200, body: { quoteId: expect.any(String) } });

  await pageOn(page, OTHER_ORIGIN);
  expect(await quoteFromPage(page)).toEqual({ failed: expect.stringContaining("Failed to fetch") });
});

test("the preflight names the route's methods and a JSON body for a listed origin only", async ({
  request,
}) => {
  const preflight = (origin: string) =>
    request.fetch(`${SANDBOX_URL}/api/onramp`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST" },
    });
  const listed = await preflight(PARTNER_PAGE_ORIGIN);
  expect(listed.status()).toBe(204);
  expect(listed.headers()).toMatchObject({
    "access-control-allow-origin": PARTNER_PAGE_ORIGIN,
    "access-control-allow-credentials": "true",
    "access-control-allow-methods": "OPTIONS, POST",
    "access-control-allow-headers": "content-type, x-expected-user",
  });
  // A 429's Retry-After is readable by the listed page (every answer says so).
  const answer = await request.post(`${SANDBOX_URL}/api/quote`, {
    data: VALID_QUOTE,
    headers: { origin: PARTNER_PAGE_ORIGIN, "sec-fetch-site": "cross-site" },
  });
  expect(answer.headers()["access-control-expose-headers"]).toBe("retry-after");
  const other = await preflight(OTHER_ORIGIN);
  expect(other.status()).toBe(204);
  expect(other.headers()["access-control-allow-origin"]).toBeUndefined();
  // The server refuses the other origin's request itself, whatever a browser would do.
  const refused = await request.post(`${SANDBOX_URL}/api/quote`, {
    data: VALID_QUOTE,
    headers: { origin: OTHER_ORIGIN, "sec-fetch-site": "cross-site" },
  });
  expect(refused.status()).toBe(403);
  expect(refused.headers()["access-control-allow-origin"]).toBeUndefined();
});
