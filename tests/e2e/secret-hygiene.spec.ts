import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import {
  EVM_ADDRESS,
  PARTNER_AUTH,
  PARTNER_ONRAMP,
  VALID_ONRAMP,
  leaksIn,
  uniquePublicIp,
} from "../support/api";
import { LIVE_URL, PORTS, SANDBOX_URL, serverLogPath } from "../support/e2e-servers";
import { setFault } from "../support/fault-upstream";
import {
  BUILD_DIR,
  ROOT,
  filesUnder,
  sandboxRoutes,
  type SandboxRoute,
} from "../support/repo-files";
import { signInByApi, signInInBrowser, uniqueEmail } from "../support/sign-in";
import { secretsIn } from "../support/test-secrets";
import { ConnectFlow } from "./connect-page";
import { RampFormPage } from "./ramp-page";

/**
 * Secrets stay on the server: not in the build (made with the test-only secrets in its
 * environment), not in a page, an API answer or a log line; single-use values (session
 * tokens, sign-in codes, OAuth codes and state, session cookies) are never logged; and a
 * live server has no sandbox at all.
 */

/** Build files that contain a secret, with the secrets found. */
function secretsInFiles(files: string[]): string[] {
  return files.flatMap((file) =>
    secretsIn(readFileSync(file, "latin1")).map(
      (secret) => `${path.relative(ROOT, file)}: ${secret}`,
    ),
  );
}

test.describe("the build", () => {
  test("was made with the test secrets in its environment", () => {
    // Written for this build only by tests/support/build-with-test-secrets.mjs, which
    // `npm run test:e2e` runs; a plain `next build` proves nothing here.
    const markerFile = path.join(BUILD_DIR, "built-with-test-secrets.json");
    expect(existsSync(markerFile), "build with `npm run test:e2e`").toBe(true);
    const marker = JSON.parse(readFileSync(markerFile, "utf8")) as { buildId: string };
    expect(marker.buildId).toBe(readFileSync(path.join(BUILD_DIR, "BUILD_ID"), "utf8").trim());
  });

  test(".next/static (what browsers download) holds no secret", () => {
    const files = filesUnder(path.join(BUILD_DIR, "static"));
    expect(files.filter((f) => f.endsWith(".js")).length).toBeGreaterThan(5);
    expect(secretsInFiles(files)).toEqual([]);
  });

  test("the rest of the build output (server bundles, manifests) holds no secret either", () => {
    const files = filesUnder(BUILD_DIR).filter(
      (f) => !f.startsWith(path.join(BUILD_DIR, "cache") + path.sep),
    );
    expect(files.length).toBeGreaterThan(100);
    expect(secretsInFiles(files)).toEqual([]);
  });

  test("the server's traced files (what a deployment copies) are its build, packages and migrations only", () => {
    // Next.js lists, per server entry, the files it reads at run time. A read it cannot follow
    // once listed the whole project: the embedded database, kept secrets, the sandbox's key.
    const traces = filesUnder(path.join(BUILD_DIR, "server")).filter((f) =>
      f.endsWith(".nft.json"),
    );
    expect(traces.length).toBeGreaterThan(20);
    const projectFiles = new Set<string>();
    for (const trace of traces) {
      const { files } = JSON.parse(readFileSync(trace, "utf8")) as { files: string[] };
      for (const file of files) {
        const relative = path.relative(ROOT, path.resolve(path.dirname(trace), file));
        if (!/^(node_modules|\.next)\//.test(relative)) projectFiles.add(relative);
      }
    }
    const outsideMigrations = [...projectFiles].filter((f) => !f.startsWith("drizzle/"));
    expect(outsideMigrations).toEqual([]);
    // The migrations are read at start, so they must be there.
    expect(projectFiles).toContain("drizzle/meta/_journal.json");
  });
});

/** Status line, headers and body, checked for leaks. */
async function expectClean(response: APIResponse, what: string) {
  const headers = response.headersArray().map((h) => `${h.name}: ${h.value}`);
  const whole = [String(response.status()), ...headers, await response.text()].join("\n");
  expect(leaksIn(whole), what).toEqual([]);
}

test.describe("the live server", () => {
  test.use({ baseURL: LIVE_URL });

  test("pages, and the scripts they load, hold no secret", async ({ request }) => {
    await setFault(request, "ok"); // pages may call Coinbase (options) while rendering
    const scripts = new Set<string>();
    for (const page of ["/", "/buy", "/sell", "/connect", "/account"]) {
      const response = await request.get(page);
      expect(response.status(), page).toBe(200);
      const html = await response.text();
      expect(html, `${page} runs in live mode`).toContain('data-mode="live"');
      await expectClean(response, page);
      for (const [, src] of html.matchAll(/<script[^>]+src="([^"]+)"/g)) scripts.add(src!);
    }
    expect(scripts.size).toBeGreaterThan(0);
    // Bundles name their modules by path (node_modules/...): only secrets count here.
    for (const src of scripts)
      expect(secretsIn(await (await request.get(src)).text()), src).toEqual([]);
  });

  test("API answers, successes and failures alike, hold no secret", async ({ request }) => {
    const ip = () => ({ "x-forwarded-for": uniquePublicIp() });
    const partner = () => ({ ...PARTNER_AUTH, ...ip() });
    await setFault(request, "ok");
    await expectClean(
      await request.post("/api/onramp", { data: PARTNER_ONRAMP, headers: partner() }),
      "onramp 200 (API key)",
    );
    await expectClean(
      await request.post("/api/offramp", { data: PARTNER_ONRAMP, headers: partner() }),
      "offramp 200 (API key)",
    );
    const sessionToken = { addresses: [{ address: EVM_ADDRESS, blockchains: ["base"] }] };
    await expectClean(
      await request.post("/api/session-token", { data: sessionToken, headers: partner() }),
      "session-token 200 (API key)",
    );
    await expectClean(
      await request.post("/api/handoff", {
        data: { side: "buy", request: PARTNER_ONRAMP },
        headers: partner(),
      }),
      "handoff 200 (API key)",
    );
    await expectClean(
      await request.post("/api/onramp", { data: { address: "nope" }, headers: partner() }),
      "onramp 400",
    );
    await expectClean(
      await request.post("/api/onramp", { data: VALID_ONRAMP, headers: partner() }),
      "onramp 400 (API key without partnerUserRef)",
    );
    await expectClean(
      await request.post("/api/onramp", {
        data: PARTNER_ONRAMP,
        headers: { ...partner(), origin: "https://evil.example" },
      }),
      "onramp 403",
    );
    for (const authorization of ["", "Bearer not-the-key-but-32-characters-long!!"])
      await expectClean(
        await request.post("/api/onramp", {
          data: PARTNER_ONRAMP,
          headers: { ...ip(), authorization },
        }),
        `onramp 401 (authorization "${authorization}")`,
      );

    // Signing in: the code goes by mail, and no answer on the way shows a secret.
    await expectClean(
      await request.post("/api/auth/code", { data: { email: uniqueEmail() }, headers: ip() }),
      "auth/code 200",
    );
    await expectClean(
      await request.post("/api/auth/sign-in", {
        data: { email: uniqueEmail(), code: "000000" },
        headers: ip(),
      }),
      "auth/sign-in 400",
    );
    await signInByApi(request, LIVE_URL);
    await expectClean(
      await request.post("/api/onramp", { data: VALID_ONRAMP, headers: ip() }),
      "onramp 200 (signed in)",
    );
    await expectClean(await request.post("/api/auth/sign-out", { headers: ip() }), "sign-out");

    // Failures that name the key or the client (in words) must not show them.
    for (const mode of ["401", "500", "malformed"] as const) {
      await setFault(request, mode);
      await expectClean(
        await request.post("/api/onramp", { data: PARTNER_ONRAMP, headers: partner() }),
        `onramp with upstream ${mode}`,
      );
    }

    // Connect: the authorize redirect carries the client id, never the secret; the callback
    // seals the tokens into a cookie.
    for (const mode of ["401", "ok"] as const) {
      const start = await request.get("/api/oauth/authorize?scope=wallet:user:read", {
        maxRedirects: 0,
        // A fresh client: Connect starts are limited per client.
        headers: { "x-forwarded-for": uniquePublicIp() },
      });
      await expectClean(start, "authorize");
      const state = new URL(start.headers().location!).searchParams.get("state");
      await setFault(request, mode);
      await expectClean(
        await request.get(`/oauth/callback?code=c-1&state=${state}`, { maxRedirects: 0 }),
        `callback with upstream ${mode}`,
      );
    }
    await expectClean(await request.get("/account"), "account page while connected");
  });

  test("its log holds no secret", async () => {
    const log = readFileSync(serverLogPath(PORTS.live), "utf8");
    expect(log.length).toBeGreaterThan(0);
    expect(secretsIn(log)).toEqual([]);
  });
});

test.describe("the sandbox server's log", () => {
  test("never holds a session token, a sign-in code, an OAuth code or state, or a session cookie", async ({
    page,
    context,
  }) => {
    const mustNotLog = new Map<string, string>();
    const onrampRequestIds: string[] = [];
    page.on("response", (response) => {
      if (new URL(response.url()).pathname === "/api/onramp")
        onrampRequestIds.push(response.headers()["x-request-id"] ?? "");
    });
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname === "/api/auth/sign-in")
        mustNotLog.set("sign-in code", (request.postDataJSON() as { code: string }).code);
      if (url.pathname !== "/oauth/callback") return;
      mustNotLog.set("OAuth code", url.searchParams.get("code") ?? "");
      mustNotLog.set("OAuth state", url.searchParams.get("state") ?? "");
    });
    const cookies = async (name: RegExp) =>
      (await context.cookies()).find((c) => name.test(c.name))?.value ?? "";

    // A sign-in, then a full buy.
    await signInInBrowser(page, { next: "/buy" });
    mustNotLog.set("sign-in session cookie", await cookies(/^(__Host-)?ramp\.session$/));
    mustNotLog.set("known-browser cookie", await cookies(/^(__Host-)?ramp\.known_browser$/));
    const form = new RampFormPage(page, "buy");
    await form.address.fill(EVM_ADDRESS);
    await form.submit.click();
    await form.expectOnPayPage();
    mustNotLog.set("session token", new URL(page.url()).searchParams.get("sessionToken") ?? "");
    await page.getByRole("button", { name: "Complete purchase" }).click();
    await expect(page).toHaveURL(/\/buy\/complete\?order=[\w-]+$/);

    // A phone link, opened: its id is all it takes to open it again after a failure.
    const made = await page.request.post("/api/handoff", {
      data: { side: "buy", request: { address: EVM_ADDRESS, network: "base", asset: "USDC" } },
    });
    expect(made.status()).toBe(200);
    const { url, statusId } = (await made.json()) as { url: string; statusId: string };
    const link = new URL(url).pathname;
    mustNotLog.set("phone link id", link.slice("/h/".length));
    const opened = await page.request.post(link, { maxRedirects: 0 });
    expect(opened.status()).toBe(303);
    // The computer showing its code asks about it, by an id that is not the link's.
    const asked = await page.request.get(`/api/handoff/${statusId}`);
    expect(await asked.json()).toEqual({ state: "opened" });

    // A full connect.
    const flow = new ConnectFlow(page);
    await flow.open();
    await flow.tick("Session", /Stay connected/);
    await flow.submit();
    mustNotLog.set("state cookie", await cookies(/cb_oauth_state$/));
    await flow.allow();
    await flow.expectSignedIn();
    mustNotLog.set("session cookie", await cookies(/cb_session$/));

    for (const [name, value] of mustNotLog)
      expect(value.length, `${name} was captured`).toBeGreaterThanOrEqual(
        name === "sign-in code" ? 6 : 16,
      );
    expect(onrampRequestIds).toHaveLength(1);

    const log = readFileSync(serverLogPath(PORTS.sandbox), "utf8");
    for (const [name, value] of mustNotLog) {
      // Six digits may occur by chance inside a longer id: the code must not stand alone.
      const found =
        name === "sign-in code"
          ? new RegExp(`(?<![\\w-])${value}(?![\\w-])`).test(log)
          : log.includes(value);
      expect(found, `${name} in the log`).toBe(false);
    }
    expect(secretsIn(log)).toEqual([]);

    const lines = log.split("\n").filter((line) => line.startsWith("{"));
    const events = lines.map((line) => {
      expect(() => JSON.parse(line), line).not.toThrow();
      return JSON.parse(line) as Record<string, unknown>;
    });
    for (const event of events)
      expect(event).toEqual(
        expect.objectContaining({
          time: expect.any(String),
          level: expect.any(String),
          event: expect.any(String),
        }),
      );
    expect(events).toContainEqual(expect.objectContaining({ event: "request", path: "/h/:id" }));
    const onrampLines = events.filter((e) => e.event === "request" && e.path === "/api/onramp");
    expect(onrampLines.length).toBeGreaterThanOrEqual(1);
    for (const line of onrampLines) expect(line.requestId).toMatch(/^[\w-]{8,64}$/);
    // The id in the log is the one the client got in X-Request-Id.
    expect(onrampLines.map((l) => l.requestId)).toContain(onrampRequestIds[0]);
  });
});

async function call(request: APIRequestContext, baseUrl: string, route: SandboxRoute) {
  const url = `${baseUrl}${route.path}`;
  return route.method === "GET"
    ? request.get(url, { maxRedirects: 0 })
    : request.post(url, { data: {}, maxRedirects: 0 });
}

test("a live server has no sandbox: every sandbox route answers 404 to the method it implements", async ({
  request,
}) => {
  const routes = sandboxRoutes();
  const listed = routes.map((r) => `${r.method} ${r.path.split("?")[0]}`);
  expect(listed).toEqual(
    expect.arrayContaining([
      "POST /sandbox/cdp/onramp/v1/token",
      "GET /sandbox/pay/buy/select-asset",
      "GET /sandbox/pay/v3/sell/input",
      "POST /sandbox/pay/checkout",
      "GET /sandbox/login/oauth2/auth",
      "POST /sandbox/login/oauth2/token",
      "POST /sandbox/login/oauth2/revoke",
      "POST /sandbox/login/oauth2/consent",
      "GET /sandbox/api/v2/user",
      "GET /sandbox/api/v2/user/auth",
      "GET /sandbox/api/v2/accounts",
      "GET /sandbox/inbox",
    ]),
  );
  for (const route of routes) {
    const what = `${route.method} ${route.path}`;
    // The same request reaches a working sandbox route on the sandbox server (same build,
    // made with keys set: a page that decided its mode at build time would 404 here)...
    expect(
      (await call(request, SANDBOX_URL, route)).status(),
      `${what} on the sandbox server`,
    ).not.toBe(404);
    // ...and nothing on the live one.
    expect((await call(request, LIVE_URL, route)).status(), `${what} on the live server`).toBe(404);
  }
});
