import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as upgradeRoute from "../../app/sandbox/cdp-platform/v2/onramp/limits/upgrade/route";
import { signCdpJwt } from "../../lib/cdp/jwt";
import { getCdpJwtKey } from "../../lib/cdp/signing-key";
import { dropProcessSingleton } from "../../lib/process/singleton";
import { sandboxMail } from "../../lib/db/schema";
import { handleLimitUpgrade } from "../../lib/sandbox/onramp/limit-upgrade-endpoint";
import { handleLimits } from "../../lib/sandbox/onramp/order-endpoints";
import { REVIEW_MS } from "../../lib/sandbox/onramp/limit-upgrades";
import { handleUpgradeForm, upgradePage } from "../../lib/sandbox/onramp/upgrade-page";
import {
  findVerification,
  startVerification,
  submitCode,
} from "../../lib/sandbox/onramp/verifications";
import { toFetchRequest } from "../support/fetch-request";
import { memoryDatabaseForFile } from "../support/ledger-rows";

/**
 * The sandbox's limit upgrades (`POST /v2/onramp/limits` → `limitUpgradeOptions`,
 * `POST /v2/onramp/limits/upgrade`, and the hosted page's form) over real HTTP, with a clock
 * the test moves on: the 3-second review and the 5-minute link are read from it, not slept.
 */
const PLATFORM = "/sandbox/cdp-platform/v2/onramp";
const FORM = "/sandbox/pay/v2/api-onramp/upgrade-limits/submit";
let server: Server;
let origin: string;
let clock = Date.now();
// Verification codes are "sent" into the sandbox inbox, a table of the app's database.
memoryDatabaseForFile(sandboxMail);

function answer(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  if (path === `${PLATFORM}/limits`) return handleLimits(request, clock);
  if (path === `${PLATFORM}/limits/upgrade`) return handleLimitUpgrade(request, clock);
  if (path === FORM) return handleUpgradeForm(request, clock);
  return Promise.resolve(new Response(null, { status: 404 }));
}

before(async () => {
  server = createServer(async (req, res) => {
    const response = await answer(await toFetchRequest(req, origin));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Sandbox mode with this server as the app: the pay host's pages are served from it.
  process.env.APP_URL = origin;
  dropProcessSingleton("config");
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let numbers = 0;
/** A fresh US number, verified by OTP in the sandbox unless told otherwise. */
async function phone({ verified = true } = {}) {
  const number = `+1212555${String(1000 + ++numbers).padStart(4, "0")}`;
  if (verified) {
    const started = await startVerification("sms", number);
    assert.equal(submitCode(started!.id, findVerification(started!.id)!.code), "verified");
  }
  return number;
}

async function post(path: string, body: unknown): Promise<Response> {
  const url = `${origin}${PLATFORM}${path}`;
  return fetch(url, {
    method: "POST",
    headers: {
      authorization: `Bearer ${await signCdpJwt(await getCdpJwtKey(), "POST", url)}`,
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
  });
}

interface LimitsAnswer {
  limits: { limitType: string; limit: string; remaining: string }[];
  limitUpgradeOptions?: {
    status: string;
    fields: string[];
    limitUpgrades: { limitType: string; maxUpgrade: string }[];
  }[];
}

async function limits(number: string): Promise<LimitsAnswer> {
  const response = await post("/limits", {
    paymentMethodType: "GUEST_CHECKOUT_APPLE_PAY",
    userId: number,
    userIdType: "phone_number",
  });
  assert.equal(response.status, 200);
  return (await response.json()) as LimitsAnswer;
}

const option = async (number: string) => {
  const options = (await limits(number)).limitUpgradeOptions;
  assert.equal(options?.length, 1);
  return { status: options![0]!.status, fields: options![0]!.fields };
};

const upgrade = (number: string, more: Record<string, unknown> = {}) =>
  post("/limits/upgrade", { userId: number, userIdType: "phone_number", ...more });

async function embeddedUrl(number: string): Promise<URL> {
  const response = await upgrade(number, { interactionMode: "embedded" });
  assert.equal(response.status, 200);
  const body = (await response.json()) as { upgradeUrl: string; expiresAt: string };
  assert.equal(Date.parse(body.expiresAt), clock + 5 * 60 * 1000);
  return new URL(body.upgradeUrl);
}

/** The hosted page's form, as a browser posts it; the page the 303 sends it back to. */
async function submitForm(url: URL, fields: { ssnLast4: string; dateOfBirth: string }) {
  const form = new URLSearchParams({
    sessionToken: url.searchParams.get("sessionToken")!,
    ...fields,
  });
  const response = await fetch(`${origin}${FORM}`, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  assert.equal(response.status, 303);
  const back = new URL(response.headers.get("location")!);
  assert.equal(back.pathname, "/sandbox/pay/v2/api-onramp/upgrade-limits");
  return upgradePage(
    back.searchParams.get("sessionToken"),
    back.searchParams.getAll("error"),
    clock,
  );
}

const ADULT = "1990-08-15";

describe("the sandbox's limits answer limitUpgradeOptions", () => {
  test("a number verified by OTP: unrequested, both fields, and Coinbase's maximum upgrades", async () => {
    const body = await limits(await phone());
    assert.deepEqual(body.limitUpgradeOptions, [
      {
        status: "unrequested",
        fields: ["ssnLast4", "dateOfBirth"],
        limitUpgrades: [
          { limitType: "weekly_spending", maxUpgrade: "2500" },
          { limitType: "lifetime_transactions", maxUpgrade: "2147483647" },
        ],
      },
    ]);
    assert.deepEqual(
      body.limits.map((l) => l.limit),
      ["500", "15"],
    );
  });

  test("a number the sandbox never verified: no upgrade offered (the field is omitted)", async () => {
    assert.equal((await limits(await phone({ verified: false }))).limitUpgradeOptions, undefined);
  });
});

describe("an embedded upgrade, through the hosted page", () => {
  test("the URL is the pay host's upgrade page with an opaque token", async () => {
    const url = await embeddedUrl(await phone());
    assert.equal(url.origin + url.pathname, `${origin}/sandbox/pay/v2/api-onramp/upgrade-limits`);
    assert.match(url.searchParams.get("sessionToken") ?? "", /^[A-Za-z0-9_-]{32}$/);
  });

  test("valid details: pending at once, active REVIEW_MS later, with the raised limits", async () => {
    const number = await phone();
    const url = await embeddedUrl(number);
    assert.equal(upgradePage(url.searchParams.get("sessionToken"), [], clock).state, "form");
    assert.deepEqual(await submitForm(url, { ssnLast4: "1234", dateOfBirth: ADULT }), {
      state: "submitted",
    });
    assert.deepEqual(await option(number), {
      status: "pending",
      fields: ["ssnLast4", "dateOfBirth"],
    });
    clock += REVIEW_MS - 1;
    assert.equal((await option(number)).status, "pending");
    clock += 1;
    assert.deepEqual(await option(number), { status: "active", fields: [] });
    assert.deepEqual((await limits(number)).limits, [
      { limitType: "weekly_spending", currency: "USD", limit: "2500", remaining: "2500" },
      { limitType: "lifetime_transactions", limit: "2147483647", remaining: "2147483647" },
    ]);
  });

  test("SSN 0000: resubmit, asking for the SSN digits again; a new link takes them", async () => {
    const number = await phone();
    await submitForm(await embeddedUrl(number), { ssnLast4: "0000", dateOfBirth: ADULT });
    clock += REVIEW_MS;
    assert.deepEqual(await option(number), { status: "resubmit", fields: ["ssnLast4"] });
    assert.equal((await limits(number)).limits[0]!.limit, "500");
    await submitForm(await embeddedUrl(number), { ssnLast4: "4321", dateOfBirth: ADULT });
    clock += REVIEW_MS;
    assert.equal((await option(number)).status, "active");
  });

  test("SSN 9999: inactive, limits unchanged, and no further request taken", async () => {
    const number = await phone();
    await submitForm(await embeddedUrl(number), { ssnLast4: "9999", dateOfBirth: ADULT });
    clock += REVIEW_MS;
    assert.deepEqual(await option(number), { status: "inactive", fields: [] });
    assert.equal((await limits(number)).limits[1]!.limit, "15");
    assert.equal((await upgrade(number, { interactionMode: "embedded" })).status, 400);
  });

  test("bad values: an error for each field, nothing recorded, and the link still works", async () => {
    const number = await phone();
    const url = await embeddedUrl(number);
    const eleven = new Date(clock - 11 * 365 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const cases: [{ ssnLast4: string; dateOfBirth: string }, Record<string, RegExp>][] = [
      [
        { ssnLast4: "12a4", dateOfBirth: "2001-02-31" },
        { ssnLast4: /4 digits/, dateOfBirth: /real date/ },
      ],
      [
        { ssnLast4: "12345", dateOfBirth: "" },
        { ssnLast4: /4 digits/, dateOfBirth: /real date/ },
      ],
      [{ ssnLast4: "1234", dateOfBirth: "2999-01-01" }, { dateOfBirth: /in the past/ }],
      [{ ssnLast4: "1234", dateOfBirth: eleven }, { dateOfBirth: /at least 18/ }],
    ];
    for (const [fields, expected] of cases) {
      const page = await submitForm(url, fields);
      assert.equal(page.state, "form", JSON.stringify(fields));
      const errors = page.state === "form" ? page.errors : {};
      assert.deepEqual(Object.keys(errors).sort(), Object.keys(expected).sort());
      for (const [field, text] of Object.entries(expected))
        assert.match(errors[field as keyof typeof errors] ?? "", text);
    }
    assert.equal((await option(number)).status, "unrequested");
    assert.equal(
      (await submitForm(url, { ssnLast4: "1234", dateOfBirth: ADULT })).state,
      "submitted",
    );
  });

  test("a link works for one submission; an unknown or expired one shows no form", async () => {
    const number = await phone();
    const used = await embeddedUrl(number);
    const other = await embeddedUrl(number);
    await submitForm(used, { ssnLast4: "0000", dateOfBirth: ADULT });
    clock += REVIEW_MS;
    // Sent again, the same link records nothing: the status stays resubmit.
    assert.equal(
      (await submitForm(used, { ssnLast4: "1234", dateOfBirth: ADULT })).state,
      "submitted",
    );
    assert.equal((await option(number)).status, "resubmit");
    // A link made before the submission was not used, but expires 5 minutes after it was made.
    clock += 5 * 60 * 1000 - REVIEW_MS;
    assert.deepEqual(await submitForm(other, { ssnLast4: "1234", dateOfBirth: ADULT }), {
      state: "expired",
    });
    assert.equal((await option(number)).status, "resubmit");
    assert.deepEqual(upgradePage("not-a-token", [], clock), { state: "expired" });
    assert.deepEqual(upgradePage(undefined, [], clock), { state: "expired" });
  });
});

describe("an api-mode upgrade", () => {
  test("fields in the body: 202 with no body, then pending, then active", async () => {
    const number = await phone();
    const response = await upgrade(number, {
      fields: { ssnLast4: "5678", dateOfBirth: { day: "15", month: "08", year: "1990" } },
    });
    assert.equal(response.status, 202);
    assert.equal(await response.text(), "");
    assert.equal((await option(number)).status, "pending");
    clock += REVIEW_MS;
    assert.equal((await option(number)).status, "active");
  });
});

describe("refusals of POST /v2/onramp/limits/upgrade: 400 invalid_request", () => {
  const dob = { day: "15", month: "08", year: "1990" };

  async function refused(response: Promise<Response>, message: RegExp) {
    const answered = await response;
    assert.equal(answered.status, 400);
    const body = (await answered.json()) as { errorType: string; errorMessage: string };
    assert.equal(body.errorType, "invalid_request");
    assert.match(body.errorMessage, message);
  }

  test("a bad body", async () => {
    const number = await phone();
    await refused(post("/limits/upgrade", { userId: number }), /Invalid user identifier/);
    await refused(upgrade("12125550000", { interactionMode: "embedded" }), /Invalid user/);
    await refused(upgrade(number, { interactionMode: "hosted" }), /Invalid user/);
    await refused(upgrade(number, { fields: { ssnLast4: "1234", ssn: "x" } }), /Invalid/);
  });

  test("a number not verified by OTP in the sandbox, in either mode", async () => {
    const number = await phone({ verified: false });
    await refused(upgrade(number, { interactionMode: "embedded" }), /verified by OTP/);
    await refused(upgrade(number, { fields: { ssnLast4: "1234", dateOfBirth: dob } }), /OTP/);
  });

  test("fields given in embedded mode", async () => {
    const number = await phone();
    await refused(
      upgrade(number, { interactionMode: "embedded", fields: { ssnLast4: "1234" } }),
      /omitted in embedded mode/,
    );
  });

  test("fields missing or invalid in api mode; nothing recorded", async () => {
    const number = await phone();
    await refused(upgrade(number), /Missing fields: ssnLast4, dateOfBirth/);
    await refused(upgrade(number, { fields: { ssnLast4: "1234" } }), /Missing fields: dateOfBirth/);
    await refused(upgrade(number, { fields: { ssnLast4: "123", dateOfBirth: dob } }), /4 digits/);
    const feb30 = { day: "30", month: "02", year: "1990" };
    await refused(
      upgrade(number, { fields: { ssnLast4: "1234", dateOfBirth: feb30 } }),
      /real date/,
    );
    const child = { ...dob, year: String(new Date(clock).getUTCFullYear() - 10) };
    await refused(upgrade(number, { fields: { ssnLast4: "1234", dateOfBirth: child } }), /18/);
    assert.equal((await option(number)).status, "unrequested");
  });

  test("a status that takes no request: pending, active, inactive", async () => {
    const fields = { ssnLast4: "1234", dateOfBirth: dob };
    const number = await phone();
    assert.equal((await upgrade(number, { fields })).status, 202);
    await refused(upgrade(number, { interactionMode: "embedded" }), /status is pending/);
    await refused(upgrade(number, { fields }), /status is pending/);
    clock += REVIEW_MS;
    await refused(upgrade(number, { interactionMode: "embedded" }), /status is active/);
    const refusedOne = await phone();
    await upgrade(refusedOne, { fields: { ...fields, ssnLast4: "9999" } });
    clock += REVIEW_MS;
    await refused(upgrade(refusedOne, { fields }), /status is inactive/);
  });

  test("the route itself: without a JWT, 401 as the other v2 routes", async () => {
    const url = `${origin}${PLATFORM}/limits/upgrade`;
    const bare = await upgradeRoute.POST(new Request(url, { method: "POST", body: "{}" }));
    assert.equal(bare.status, 401);
    assert.equal(((await bare.json()) as { errorType: string }).errorType, "unauthorized");
  });
});
