import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fetchLimits, requestLimitUpgrade } from "../../lib/guest/onramp-api";
import { limitUpgradeLink } from "../../lib/guest/limit-upgrade-link";
import { describeLimits, limitProblem, readLimits } from "../../lib/guest/limits";
import {
  readUpgrade,
  upgradeOffered,
  upgradeOfferText,
  secondsUntil,
  type UpgradeOption,
  type UpgradeStatus,
} from "../../lib/guest/limit-upgrade";
import { updateProfile } from "../../lib/guest/profile";
import { userLimits } from "../../lib/guest/user-limits";
import { guestProfile, user } from "../../lib/db/schema";
import { dropProcessSingleton } from "../../lib/process/singleton";
import { memoryDatabaseForFile } from "../support/ledger-rows";

/**
 * Raising a guest's limits, the app's side: the client against a fake Coinbase over real HTTP
 * (what it sends, what it accepts), the server's checks before and after asking, and the
 * limits as the panel words them.
 */
const PHONE = "+12025550123";
const USER = { id: "upgrade-user", email: "upgrade@example.com" };
let upstream: Server;
let upstreamUrl: string;
const received: { path: string; body: unknown }[] = [];
// What the fake Coinbase answers next, by path.
let answers: Record<string, { status: number; body?: unknown }> = {};
const database = memoryDatabaseForFile(guestProfile, user);

const UNREQUESTED: UpgradeOption = {
  status: "unrequested",
  fields: ["ssnLast4", "dateOfBirth"],
  limitUpgrades: [
    { limitType: "weekly_spending", maxUpgrade: "2500" },
    { limitType: "lifetime_transactions", maxUpgrade: "2147483647" },
  ],
};
const LIMITS = [
  { limitType: "weekly_spending", currency: "USD", limit: "500", remaining: "400" },
  { limitType: "lifetime_transactions", limit: "15", remaining: "12" },
];

before(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = (req.url ?? "").replace(/^\/sandbox\/cdp-platform/, "");
      const text = Buffer.concat(chunks).toString("utf8");
      received.push({ path, body: text ? JSON.parse(text) : undefined });
      const answer = answers[path] ?? { status: 404, body: { errorType: "not_found" } };
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  // Sandbox mode with this server as the app's address: the v2 calls come here, and the pay
  // host (the one origin the page may frame) is `${upstreamUrl}/sandbox/pay`.
  process.env.APP_URL = upstreamUrl;
  process.env.UPSTREAM_TIMEOUT_MS = "2000";
  dropProcessSingleton("config");
});

after(async () => {
  upstream.closeAllConnections();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

beforeEach(() => {
  received.length = 0;
  answers = {};
});

async function verifiedUser() {
  await database().insert(user).values({ id: USER.id, name: "U", email: USER.email });
  await updateProfile(USER.id, {
    phoneNumber: PHONE,
    phoneVerifiedAt: new Date(),
    phoneVerificationId: "v-1",
    phoneVerificationExpiresAt: new Date(Date.now() + 86_400_000),
  });
}

const upgradeLink = (origin: string) => ({
  status: 200,
  body: {
    upgradeUrl: `${origin}/v2/api-onramp/upgrade-limits?sessionToken=opaque`,
    expiresAt: "2026-06-21T00:05:00Z",
  },
});

describe("the limits' upgrade options (lib/guest/onramp-api.ts)", () => {
  test("are read as the OpenAPI has them, and turned into the panel's upgrade", async () => {
    answers["/v2/onramp/limits"] = {
      status: 200,
      body: { limits: LIMITS, limitUpgradeOptions: [UNREQUESTED] },
    };
    await verifiedUser();
    const limits = await userLimits(USER);
    assert.deepEqual(limits.upgrade, {
      status: "unrequested",
      fields: ["ssnLast4", "dateOfBirth"],
      maxWeekly: "2500",
      maxPurchases: "unlimited",
    });
    assert.equal(limits.weekly?.remaining, "400");
  });

  test("a status the OpenAPI does not list is tolerated, as unavailable: nothing is offered", async () => {
    const option = { ...UNREQUESTED, status: "on_hold" };
    answers["/v2/onramp/limits"] = {
      status: 200,
      body: { limits: LIMITS, limitUpgradeOptions: [option] },
    };
    const answer = await fetchLimits(PHONE, "GUEST_CHECKOUT_APPLE_PAY");
    const upgrade = readUpgrade(answer.limitUpgradeOptions);
    assert.equal(upgrade?.status, "unavailable");
    assert.equal(upgradeOffered(upgrade), false);
  });

  test("without upgrade options (not offered to this app or user), the limits stand alone", async () => {
    answers["/v2/onramp/limits"] = { status: 200, body: { limits: LIMITS } };
    const answer = await fetchLimits(PHONE, "GUEST_CHECKOUT_APPLE_PAY");
    assert.equal(readLimits(answer.limits, answer.limitUpgradeOptions).upgrade, undefined);
  });

  test("an option missing a required field is an upstream error, not read as no upgrade", async () => {
    const { status: _status, ...noStatus } = UNREQUESTED;
    answers["/v2/onramp/limits"] = {
      status: 200,
      body: { limits: LIMITS, limitUpgradeOptions: [noStatus] },
    };
    await assert.rejects(fetchLimits(PHONE, "GUEST_CHECKOUT_APPLE_PAY"), {
      code: "upstream_error",
    });
  });
});

describe("asking Coinbase for its upgrade page (requestLimitUpgrade)", () => {
  test("sends the phone number in embedded mode, and nothing of the user's identity", async () => {
    answers["/v2/onramp/limits/upgrade"] = upgradeLink(`${upstreamUrl}/sandbox/pay`);
    const link = await requestLimitUpgrade(PHONE);
    assert.equal(link.expiresAt, "2026-06-21T00:05:00Z");
    assert.deepEqual(received, [
      {
        path: "/v2/onramp/limits/upgrade",
        body: { userId: PHONE, userIdType: "phone_number", interactionMode: "embedded" },
      },
    ]);
  });

  test("a 503 is not asked again: each request creates a session at Coinbase", async () => {
    answers["/v2/onramp/limits/upgrade"] = { status: 503, body: { errorType: "unavailable" } };
    await assert.rejects(requestLimitUpgrade(PHONE));
    assert.equal(received.length, 1);
  });

  test("Coinbase's refusal (400 invalid_request) becomes the app's upstream_rejected 400", async () => {
    answers["/v2/onramp/limits/upgrade"] = {
      status: 400,
      body: { errorType: "invalid_request", errorMessage: "Invalid user identifier or fields." },
    };
    await assert.rejects(requestLimitUpgrade(PHONE), { code: "upstream_rejected", status: 400 });
  });
});

describe("the route's logic (lib/guest/limit-upgrade-link.ts)", () => {
  test("a verified phone gets Coinbase's page on the pay host, to frame", async () => {
    await verifiedUser();
    answers["/v2/onramp/limits/upgrade"] = upgradeLink(`${upstreamUrl}/sandbox/pay`);
    const link = await limitUpgradeLink(USER);
    assert.equal(
      link.upgradeUrl,
      `${upstreamUrl}/sandbox/pay/v2/api-onramp/upgrade-limits?sessionToken=opaque`,
    );
  });

  test("with the seconds its link has left by the server's clock: the page needs no clock of its own", async () => {
    await verifiedUser();
    const expiresAt = new Date(Date.now() + 5 * 60_000).toISOString();
    const answer = upgradeLink(`${upstreamUrl}/sandbox/pay`);
    answers["/v2/onramp/limits/upgrade"] = { ...answer, body: { ...answer.body, expiresAt } };
    const link = await limitUpgradeLink(USER);
    assert.equal(link.expiresAt, expiresAt);
    assert.ok(
      link.expiresInSeconds !== undefined &&
        link.expiresInSeconds >= 295 &&
        link.expiresInSeconds <= 300,
      `expiresInSeconds ${link.expiresInSeconds}`,
    );
  });

  test("a page on any other origin is refused as an upstream error: the page could not frame it", async () => {
    await verifiedUser();
    answers["/v2/onramp/limits/upgrade"] = upgradeLink("https://pay.example.net");
    await assert.rejects(limitUpgradeLink(USER), { code: "upstream_error", status: 502 });
  });

  test("without a verified phone, Coinbase is not asked", async () => {
    await database().insert(user).values({ id: USER.id, name: "U", email: USER.email });
    answers["/v2/onramp/limits/upgrade"] = upgradeLink(`${upstreamUrl}/sandbox/pay`);
    await assert.rejects(limitUpgradeLink(USER), { code: "verification_required" });
    assert.equal(received.length, 0);
  });
});

describe("the limits as the panel words them", () => {
  test("a raised count (2147483647) is never printed: there is no limit on it", () => {
    const raised = readLimits([
      { limitType: "weekly_spending", currency: "USD", limit: "2500", remaining: "2400" },
      { limitType: "lifetime_transactions", limit: "2147483647", remaining: "2147483644" },
    ]);
    const lines = describeLimits(raised);
    assert.deepEqual(lines, [
      "$2,400.00 of $2,500.00 left in your 7-day limit",
      "No limit on the number of guest purchases",
    ]);
    assert.ok(!lines.join(" ").includes("2147483647"));
    assert.equal(limitProblem(raised, "600"), null, "600 is within the raised week");
  });

  test("the offer names Coinbase's figures and the details it asks for", () => {
    assert.equal(
      upgradeOfferText(readUpgrade([UNREQUESTED])!),
      "Coinbase can raise your limits to $2,500 a week and no limit on the number of purchases (with the last 4 digits of your SSN and your date of birth).",
    );
    const again = readUpgrade([
      {
        status: "resubmit",
        fields: ["ssnLast4"],
        limitUpgrades: [
          { limitType: "weekly_spending", maxUpgrade: "1000" },
          { limitType: "lifetime_transactions", maxUpgrade: "50" },
        ],
      },
    ])!;
    assert.equal(
      upgradeOfferText(again),
      "Coinbase can raise your limits to $1,000 a week and 50 guest purchases in all (with the last 4 digits of your SSN).",
    );
  });

  test("offered when never asked or asked again; not while pending, once active, or refused", () => {
    const withStatus = (status: UpgradeStatus) =>
      upgradeOffered(readUpgrade([{ ...UNREQUESTED, status }]));
    const statuses = ["unrequested", "resubmit", "pending", "active", "inactive"] as const;
    assert.deepEqual(statuses.map(withStatus), [true, true, false, false, false]);
  });
});

describe("how long Coinbase's framed page has left, by the server's clock (secondsUntil)", () => {
  const now = Date.parse("2026-03-02T10:00:00.000Z");
  test("the whole seconds to expiresAt, and 0 once it has passed", () => {
    assert.equal(secondsUntil("2026-03-02T10:05:00.000Z", now), 5 * 60);
    assert.equal(secondsUntil("2026-03-02T10:00:01.900Z", now), 1);
    // Expired on arrival: closed at once, never a negative delay.
    assert.equal(secondsUntil("2026-03-02T09:59:00.000Z", now), 0);
  });

  test("an expiresAt that is not a date sets no deadline, rather than closing the page at once", () => {
    assert.equal(secondsUntil("", now), undefined);
    assert.equal(secondsUntil("in five minutes", now), undefined);
  });
});
