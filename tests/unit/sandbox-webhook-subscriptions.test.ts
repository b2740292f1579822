import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import * as list from "../../app/sandbox/cdp-platform/v2/data/webhooks/subscriptions/route";
import * as one from "../../app/sandbox/cdp-platform/v2/data/webhooks/subscriptions/[subscriptionId]/route";
import { generateSandboxKey } from "../../lib/cdp/api-key";
import { signCdpJwt } from "../../lib/cdp/jwt";
import { readSandboxKeyFile } from "../../lib/cdp/read-sandbox-key-file";
import { SANDBOX_KEY_FILE, writeSandboxKeyFile } from "../../lib/cdp/sandbox-key-file";
import { getCdpJwtKey, toJwtKey } from "../../lib/cdp/signing-key";
import { ConfigError, getConfig, parseConfig } from "../../lib/config/env";
import { isAppError } from "../../lib/http/app-error";
import { RAMP_EVENT_TYPES } from "../../lib/webhooks/event-schemas";
import { platformClientFromConfig } from "../../lib/webhooks/platform-client";
import {
  deleteWebhookSubscription,
  listWebhookSubscriptions,
  subscribeToRampEvents,
  type PlatformClient,
} from "../../lib/webhooks/subscriptions-api";
import { startSubscriptionsHost } from "../support/sandbox-subscriptions-host";

const ROOT = path.resolve(__dirname, "..", "..");

let host: Awaited<ReturnType<typeof startSubscriptionsHost>>;
let base: string;
before(async () => {
  host = await startSubscriptionsHost();
  base = host.base;
});
after(() => host.close());

const client = async (): Promise<PlatformClient> => ({
  baseUrl: base,
  key: await getCdpJwtKey(),
  allowLoopbackHttp: true,
});

async function signed(method: string, url: string, body?: unknown): Promise<Request> {
  const jwt = await signCdpJwt(await getCdpJwtKey(), method, url);
  return new Request(url, {
    method,
    headers: { authorization: `Bearer ${jwt}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const ORIGIN = "http://localhost:3000/sandbox/cdp-platform/v2/data/webhooks/subscriptions";
const valid = {
  eventTypes: ["onramp.transaction.success"],
  target: { url: "https://receiver.example/hooks" },
  isEnabled: true,
};

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => assert.fail("expected a refusal"),
    (e: unknown) => e,
  );
  assert.ok(isAppError(error), String(error));
  return error;
}

describe("sandbox subscription API (route handlers)", () => {
  test("no JWT, or one for another path: 401 in the v2 error shape", async () => {
    const bare = await list.GET(new Request(ORIGIN));
    assert.equal(bare.status, 401);
    const body = (await bare.json()) as Record<string, unknown>;
    assert.equal(body.errorType, "unauthorized");
    assert.equal(typeof body.errorMessage, "string");
    assert.equal(typeof body.correlationId, "string");
    const elsewhere = await signed("GET", `${ORIGIN}/elsewhere`);
    assert.equal((await list.GET(new Request(ORIGIN, elsewhere))).status, 401);
  });

  test("create, list, get, delete: the secret is shown once", async () => {
    const created = await list.POST(await signed("POST", ORIGIN, valid));
    assert.equal(created.status, 201);
    const sub = (await created.json()) as Record<string, string>;
    assert.match(sub.subscriptionId!, /^[0-9a-f-]{36}$/);
    assert.match(sub.secret!, /^[0-9a-f-]{36}$/);
    assert.ok(sub.createdAt);
    const url = `${ORIGIN}/${sub.subscriptionId}`;
    const params = Promise.resolve({ subscriptionId: sub.subscriptionId! });

    const listed = (await (await list.GET(await signed("GET", ORIGIN))).json()) as {
      subscriptions: Record<string, unknown>[];
    };
    assert.equal(listed.subscriptions[0]?.subscriptionId, sub.subscriptionId, "newest first");
    assert.ok(listed.subscriptions.every((s) => !("secret" in s)));

    const got = await one.GET(await signed("GET", url), { params });
    assert.equal(got.status, 200);
    const gotBody = (await got.json()) as Record<string, unknown>;
    assert.deepEqual(gotBody.target, valid.target);
    assert.equal("secret" in gotBody, false);

    assert.equal((await one.DELETE(await signed("DELETE", url), { params })).status, 204);
    const gone = await one.GET(await signed("GET", url), { params });
    assert.equal(gone.status, 404);
    assert.equal(((await gone.json()) as { errorType: string }).errorType, "not_found");
  });

  test("the app's own subscription is listed, its secret never", async () => {
    const { subscriptions } = (await (await list.GET(await signed("GET", ORIGIN))).json()) as {
      subscriptions: { target: { url: string }; eventTypes: string[] }[];
    };
    const own = subscriptions.find(
      (s) => s.target.url === `${getConfig().appUrl}/api/webhooks/coinbase`,
    );
    assert.deepEqual(own?.eventTypes, [...RAMP_EVENT_TYPES]);
    assert.equal(JSON.stringify(subscriptions).includes(getConfig().webhooks.secrets[0]!), false);
  });

  test("https targets only, but http://localhost and 127.0.0.1; known event types only", async () => {
    const answer = async (body: unknown) => {
      const response = await list.POST(await signed("POST", ORIGIN, body));
      return { status: response.status, body: (await response.json()) as Record<string, string> };
    };
    for (const url of ["http://receiver.example/hooks", "ftp://receiver.example/x", "not a url"]) {
      const { status, body } = await answer({ ...valid, target: { url } });
      assert.equal(status, 400, url);
      assert.equal(body.errorMessage, "Target URL must be a valid HTTPS endpoint.");
    }
    for (const url of ["http://localhost:3000/api/webhooks/coinbase", "http://127.0.0.1:9/x"])
      assert.equal((await answer({ ...valid, target: { url } })).status, 201, url);
    for (const eventTypes of [[], ["onramp.transaction.exploded"], "onramp.transaction.success"]) {
      const { status, body } = await answer({ ...valid, eventTypes });
      assert.equal(status, 400);
      assert.match(body.errorMessage!, /Event types must be non-empty/);
    }
    assert.equal((await answer({ ...valid, isEnabled: undefined })).status, 400);
  });
});

describe("the CLI's subscriptions client, over HTTP against the sandbox", () => {
  test("subscribe (eight ramp events, secret), list, delete", async () => {
    const c = await client();
    const created = await subscribeToRampEvents(c, "https://partner.example/api/webhooks/coinbase");
    assert.deepEqual(created.eventTypes, [...RAMP_EVENT_TYPES]);
    assert.match(created.secret, /^[0-9a-f-]{36}$/);
    const ids = (await listWebhookSubscriptions(c)).map((s) => s.subscriptionId);
    assert.ok(ids.includes(created.subscriptionId));
    await deleteWebhookSubscription(c, created.subscriptionId);
    const after = (await listWebhookSubscriptions(c)).map((s) => s.subscriptionId);
    assert.equal(after.includes(created.subscriptionId), false);
    const again = await failure(deleteWebhookSubscription(c, created.subscriptionId));
    assert.equal(again.code, "not_found");
    assert.match(again.message, /404 not_found: Webhook subscription not found/);
  });

  test("list follows the pages", async () => {
    const c = await client();
    for (let i = 0; i < 3; i++) await subscribeToRampEvents(c, `https://p${i}.example/hook`);
    const all = await listWebhookSubscriptions(c);
    assert.equal(new Set(all.map((s) => s.subscriptionId)).size, all.length);
    assert.ok(all.length >= 4);
  });

  test("a refused key: Coinbase's status and message, as upstream_auth", async () => {
    const stranger = { ...(await client()), key: await toJwtKey(generateSandboxKey()) };
    const error = await failure(listWebhookSubscriptions(stranger));
    assert.equal(error.code, "upstream_auth");
    assert.match(error.message, /401 unauthorized: The request is not properly authenticated/);
  });

  test("a refused request: Coinbase's status and message, as upstream_rejected", async () => {
    // Short enough for the host's own rule (at least 11 characters), not the client's.
    const error = await failure(subscribeToRampEvents(await client(), "https://ab"));
    assert.equal(error.code, "upstream_rejected");
    assert.match(error.message, /400 invalid_request: Target URL must be a valid HTTPS endpoint/);
  });

  test("a non-https URL is refused before any call; http://localhost only for the sandbox", async () => {
    const live = { ...(await client()), baseUrl: "http://127.0.0.1:9", allowLoopbackHttp: false };
    for (const url of [
      "http://partner.example/hook",
      "http://localhost:3000/api/webhooks/coinbase",
    ]) {
      const error = await failure(subscribeToRampEvents(live, url));
      assert.equal(error.code, "invalid_request");
      assert.match(error.message, /must start with https:\/\//);
    }
    const sandbox = await failure(
      subscribeToRampEvents(await client(), "http://partner.example/x"),
    );
    assert.match(sandbox.message, /https:\/\/ \(or be http:\/\/localhost/);
  });

  test("no key: without CDP keys and without a running sandbox's key file, a ConfigError naming the variables", async () => {
    const missing = path.join(mkdtempSync(path.join(tmpdir(), "hooks-")), "none.json");
    await assert.rejects(platformClientFromConfig(missing), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /CDP_API_KEY_ID and CDP_API_KEY_SECRET/);
      return true;
    });
  });

  test("the key file the sandbox server leaves: owner-only, and it signs what the sandbox accepts", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "hooks-")), ".data", "key.json");
    await writeSandboxKeyFile(file);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.ok(await readSandboxKeyFile(file));
    const c = await platformClientFromConfig(file);
    assert.equal(c.baseUrl, `${getConfig().appUrl}/sandbox/cdp-platform`);
    const listed = await listWebhookSubscriptions({ ...c, baseUrl: base });
    assert.ok(listed.length > 0);
  });

  test("npm run webhooks: a non-https URL exits 1 with the reason", async () => {
    const run = promisify(execFile);
    const result = await run(
      process.execPath,
      [
        "--conditions=react-server",
        "--require",
        "tsx/cjs",
        "scripts/webhooks.ts",
        "subscribe",
        "http://partner.example/hook",
      ],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? "", NODE_ENV: "test" } },
    ).then(
      () => assert.fail("expected exit 1"),
      (e: { code: number; stderr: string }) => e,
    );
    assert.equal(result.code, 1);
    assert.match(result.stderr, /webhooks: the webhook URL must start with https:\/\//);
  });

  /**
   * `npm run webhooks -- list` against the sandbox at `appUrl`, with the key file a running
   * sandbox leaves (made for this run when none is there): it must fail; what it wrote.
   */
  async function listFailing(appUrl: string, args = ["list"]): Promise<string> {
    const keyFile = path.join(ROOT, SANDBOX_KEY_FILE);
    const made = !existsSync(keyFile);
    if (made) await writeSandboxKeyFile(keyFile);
    try {
      const result = await promisify(execFile)(
        process.execPath,
        ["--conditions=react-server", "--require", "tsx/cjs", "scripts/webhooks.ts", ...args],
        { cwd: ROOT, env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", APP_URL: appUrl } },
      ).then(
        () => assert.fail("expected exit 1"),
        (e: { code: number; stderr: string }) => e,
      );
      assert.equal(result.code, 1);
      return result.stderr;
    } finally {
      if (made) rmSync(keyFile, { force: true });
    }
  }

  test("npm run webhooks with a configuration error says it once, by name, with no stack trace", async () => {
    const result = await promisify(execFile)(
      process.execPath,
      ["--conditions=react-server", "--require", "tsx/cjs", "scripts/webhooks.ts", "list"],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", REDIS_URL: "redis://:p#ss@h:1" },
      },
    ).then(
      () => assert.fail("expected exit 1"),
      (e: { code: number; stderr: string }) => e,
    );
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^webhooks: Invalid configuration:\n  - REDIS_URL: is not a valid URL/,
    );
    assert.equal(result.stderr.match(/REDIS_URL/g)?.length, 1, result.stderr);
    assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
    assert.ok(!result.stderr.includes("p#ss"));
  });

  test("npm run webhooks with no sandbox answering: it says which APP_URL it asked", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const appUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r)); // nothing listens there now
    const said = await listFailing(appUrl);
    assert.ok(
      said.includes(`asked the sandbox of the app at ${appUrl}. Is it running there?`),
      said,
    );
  });

  test("npm run webhooks -- subscribe whose answer is lost: it says to list before subscribing again", async () => {
    // The create reaches the host, which fails before answering (it may have made it).
    const host = createServer((_req, res) => {
      res.writeHead(503, { "content-type": "application/json" });
      res.end(JSON.stringify({ errorType: "service_unavailable", errorMessage: "Try later" }));
    });
    await new Promise<void>((r) => host.listen(0, "127.0.0.1", r));
    const appUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    const target = "http://localhost:3000/api/webhooks/coinbase";
    try {
      const said = await listFailing(appUrl, ["subscribe", target]);
      assert.ok(said.includes("the sandbox may have made the subscription"), said);
      assert.ok(said.includes(`delete any subscription to ${target}`), said);
      // A list that fails says nothing of the kind.
      const listed = await listFailing(appUrl);
      assert.ok(!listed.includes("may have made"), listed);
    } finally {
      await new Promise((r) => host.close(r));
    }
    // Nothing listening: the request went nowhere, and nothing was made.
    const nowhere = await listFailing(appUrl, ["subscribe", target]);
    assert.ok(!nowhere.includes("may have made"), nowhere);
  });

  test("npm run webhooks whose sandbox refuses the key on disk: it says another start left it", async () => {
    // A sandbox that started after the key file was written: it knows another key.
    const sandbox = createServer((_req, res) => {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ errorType: "unauthorized", errorMessage: "Unknown API key" }));
    });
    await new Promise<void>((r) => sandbox.listen(0, "127.0.0.1", r));
    const appUrl = `http://127.0.0.1:${(sandbox.address() as AddressInfo).port}`;
    try {
      const said = await listFailing(appUrl);
      assert.ok(
        said.includes(`the sandbox at ${appUrl} refused the key in ${SANDBOX_KEY_FILE}`),
        said,
      );
      assert.ok(!said.includes("Is it running there?"), said);
    } finally {
      await new Promise((r) => sandbox.close(r));
    }
  });
});

describe("config", () => {
  test("the platform host: Coinbase's in live mode, the sandbox's otherwise; shares from 0 to 1", () => {
    assert.equal(
      parseConfig({}).ramp.cdpPlatformApiBaseUrl,
      "http://localhost:3000/sandbox/cdp-platform",
    );
    const live = parseConfig({
      CDP_API_KEY_ID: "id",
      CDP_API_KEY_SECRET: "secret",
      SESSION_SECRET: "0123456789abcdefghijklmnopqrstuvwxyz",
      SMTP_URL: "smtp://localhost",
    });
    assert.equal(live.ramp.cdpPlatformApiBaseUrl, "https://api.cdp.coinbase.com/platform");
    assert.deepEqual(live.webhooks.secrets, []);
    assert.equal(parseConfig({}).webhooks.secrets.length, 1);
    assert.deepEqual(parseConfig({}).ramp.sandboxWebhooks, {
      duplicateShare: 0,
      reorderShare: 0,
      lossShare: 0,
      holdSeconds: 10,
    });
    assert.equal(
      parseConfig({ SANDBOX_WEBHOOK_DUPLICATE_SHARE: "0.25" }).ramp.sandboxWebhooks.duplicateShare,
      0.25,
    );
    assert.throws(() => parseConfig({ SANDBOX_WEBHOOK_REORDER_SHARE: "1.5" }), /REORDER_SHARE/);
  });
});
