import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import {
  PARTNER_AUTH,
  PARTNER_ONRAMP,
  VALID_ONRAMP,
  errorOf,
  uniquePublicIp,
} from "../support/api";
import { signInByApi } from "../support/sign-in";
import { LIVE_RATE_LIMIT_PER_MINUTE, LIVE_URL, SANDBOX_URL } from "../support/e2e-servers";
import { MINT_PATH, setFault, upstreamHits } from "../support/fault-upstream";
import { ConnectFlow } from "./connect-page";
import { RampFormPage } from "./ramp-page";

/**
 * Who may spend the partner's minting quota (origin policy, per-IP rate limit, on the
 * live server), and the security headers every page carries (on the sandbox server).
 * Minting calls carry the partner's API key: what refuses them here is the policy, not a
 * missing sign-in.
 */

function partnerMint(request: APIRequestContext, headers: Record<string, string>) {
  return request.post(`${LIVE_URL}/api/onramp`, {
    data: PARTNER_ONRAMP,
    headers: { ...PARTNER_AUTH, ...headers },
  });
}

test.describe("origin policy on the minting routes", () => {
  test.beforeEach(async ({ request }) => {
    await setFault(request, "ok");
  });

  const refused: Array<[string, Record<string, string>]> = [
    ["an Origin of another site", { origin: "https://evil.example" }],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    [
      "another site's Origin with Sec-Fetch-Site: cross-site",
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    ],
    ["an opaque Origin (sandboxed iframe)", { origin: "null" }],
    ["our host over another scheme", { origin: LIVE_URL.replace("http:", "https:") }],
  ];
  for (const [what, headers] of refused) {
    test(`${what}: 403 forbidden_origin, Coinbase never called`, async ({ request }) => {
      for (const path of ["/api/onramp", "/api/offramp", "/api/session-token", "/api/handoff"]) {
        const response = await request.post(`${LIVE_URL}${path}`, {
          data: path === "/api/handoff" ? { side: "buy", request: PARTNER_ONRAMP } : PARTNER_ONRAMP,
          headers: { ...PARTNER_AUTH, ...headers, "x-forwarded-for": uniquePublicIp() },
        });
        expect(await errorOf(response), path).toEqual({ status: 403, code: "forbidden_origin" });
      }
      expect(await upstreamHits(request, MINT_PATH)).toBe(0);
    });
  }

  const allowed: Array<[string, Record<string, string>]> = [
    ["no Origin and no Sec-Fetch-Site (a server)", {}],
    ["our own Origin", { origin: LIVE_URL, "sec-fetch-site": "same-origin" }],
    ["Sec-Fetch-Site: same-origin", { "sec-fetch-site": "same-origin" }],
  ];
  for (const [what, headers] of allowed) {
    test(`${what}: allowed`, async ({ request }) => {
      const response = await partnerMint(request, {
        ...headers,
        "x-forwarded-for": uniquePublicIp(),
      });
      expect(response.status()).toBe(200);
      expect(await upstreamHits(request, MINT_PATH)).toBe(1);
    });
  }
});

test("rate limit: the request over the limit gets 429 with Retry-After, other clients still pass", async ({
  request,
}) => {
  await setFault(request, "ok");
  // A signed-in user's mints (a partner's server, holding a key, is not limited by address).
  await signInByApi(request, LIVE_URL);
  const userMint = (headers: Record<string, string>) =>
    request.post(`${LIVE_URL}/api/onramp`, { data: VALID_ONRAMP, headers });
  const client = uniquePublicIp();
  for (let i = 1; i <= LIVE_RATE_LIMIT_PER_MINUTE; i++) {
    expect((await userMint({ "x-forwarded-for": client })).status(), `request ${i}`).toBe(200);
  }
  const limited = await userMint({ "x-forwarded-for": client });
  expect(await errorOf(limited)).toEqual({ status: 429, code: "rate_limited" });
  const retryAfter = Number(limited.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);

  // The key is the right-most public hop: what a client prepends does not matter, nor
  // the private hops of our own load balancers.
  const spoofed = await userMint({ "x-forwarded-for": `${uniquePublicIp()}, ${client}` });
  expect(await errorOf(spoofed)).toEqual({ status: 429, code: "rate_limited" });
  const behindBalancer = await userMint({ "x-forwarded-for": `${client}, 10.1.2.3` });
  expect(await errorOf(behindBalancer)).toEqual({ status: 429, code: "rate_limited" });

  expect((await userMint({ "x-forwarded-for": uniquePublicIp() })).status()).toBe(200);
  // A partner's server from that address, with its key: one client for all its users, limited
  // by the instance's ceiling only.
  for (let i = 1; i <= LIVE_RATE_LIMIT_PER_MINUTE + 1; i++)
    expect((await partnerMint(request, { "x-forwarded-for": client })).status()).toBe(200);
  // Refused requests never reached Coinbase.
  expect(await upstreamHits(request, MINT_PATH)).toBe(2 * LIVE_RATE_LIMIT_PER_MINUTE + 2);
});

test.describe("security headers", () => {
  test("pages carry a nonce-based CSP and the fixed headers; the nonce changes per load", async ({
    request,
  }) => {
    const nonces: string[] = [];
    for (const path of ["/", "/buy", "/buy"]) {
      const response = await request.get(`${SANDBOX_URL}${path}`);
      expect(response.status()).toBe(200);
      const headers = response.headers();
      const csp = headers["content-security-policy"] ?? "";
      const nonce = /script-src 'nonce-([^']+)' 'strict-dynamic'/.exec(csp)?.[1];
      expect(nonce, csp).toBeTruthy();
      nonces.push(nonce!);
      for (const directive of [
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
      ]) {
        expect(csp).toContain(directive);
      }
      expect(csp).not.toContain("unsafe-eval");
      expect(headers["referrer-policy"]).toBe("same-origin");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["permissions-policy"]).toMatch(/camera=\(\)/);
      expect(headers["strict-transport-security"], "no HSTS over http").toBeUndefined();

      // Next puts this request's nonce on every script it renders.
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  test("HSTS only when a trusted proxy says the browser used https", async ({ request }) => {
    const viaHttps = { "x-forwarded-proto": "https" };
    // The sandbox server does not trust proxy headers: a client cannot turn HSTS on.
    expect(
      (await request.get(`${SANDBOX_URL}/`, { headers: viaHttps })).headers()[
        "strict-transport-security"
      ],
    ).toBeUndefined();
    // The live server does (TRUST_PROXY_HEADERS=true).
    expect(
      (await request.get(`${LIVE_URL}/`)).headers()["strict-transport-security"],
    ).toBeUndefined();
    expect(
      (await request.get(`${LIVE_URL}/`, { headers: viaHttps })).headers()[
        "strict-transport-security"
      ],
    ).toMatch(/max-age=\d+/);
  });
});

/** Collects every CSP violation the page reports, from the console and from the DOM event. */
async function recordCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportCspViolation: (t: string) => void })
        .__reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return violations;
}

test.describe("pages work under the CSP", () => {
  test("the violation recorder works: a blocked load on our page is reported", async ({ page }) => {
    const violations = await recordCspViolations(page);
    await page.goto("/");
    // img-src is 'self' data:, so an image from elsewhere is refused (and never fetched).
    await page.evaluate(() => {
      new Image().src = "https://images.example.invalid/pixel.png";
    });
    await expect.poll(() => violations.join("\n")).toContain("img-src");
  });

  test("/buy hydrates: an invalid address shows the inline error, no violation", async ({
    page,
  }) => {
    const violations = await recordCspViolations(page);
    await page.goto("/buy");
    const form = new RampFormPage(page, "buy");
    await form.address.fill("not-an-address");
    await expect(form.address).toHaveAttribute("aria-invalid", "true");
    expect(violations).toEqual([]);
  });

  test("/sell hydrates: an invalid address shows the inline error, no violation", async ({
    page,
  }) => {
    const violations = await recordCspViolations(page);
    await page.goto("/sell");
    const form = new RampFormPage(page, "sell");
    await form.address.fill("not-an-address");
    await expect(form.address).toHaveAttribute("aria-invalid", "true");
    expect(violations).toEqual([]);
  });

  test("/connect hydrates: a preset updates the form, no violation", async ({ page }) => {
    const violations = await recordCspViolations(page);
    const flow = new ConnectFlow(page);
    await flow.open();
    await flow.askToSend("150");
    await expect(page.getByTestId("send-limit-warning")).toContainText("100 USD");
    expect(violations).toEqual([]);
  });
});
