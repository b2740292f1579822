import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { guestProfile, user } from "../../lib/db/schema";
import { dropPendingCode, readProfile, updateProfile } from "../../lib/guest/profile";
import { aUser } from "../support/database-tests";
import { memoryDatabaseForFile } from "../support/ledger-rows";

const db = memoryDatabaseForFile(guestProfile, user);

describe("a guest's pending code (lib/guest/profile.ts)", () => {
  async function userWithPendingCodes() {
    const someone = aUser(`${crypto.randomUUID()}@example.com`);
    await db().insert(user).values(someone);
    const expires = new Date(Date.now() + 600_000);
    await updateProfile(someone.id, {
      pendingPhoneNumber: "+14155550123",
      pendingPhoneVerificationId: "sms-2",
      pendingPhoneCodeExpiresAt: expires,
      pendingEmailVerificationId: "email-1",
      pendingEmailCodeExpiresAt: expires,
    });
    return someone.id;
  }

  test("a code dropped as no longer usable goes, the other channel's stays", async () => {
    const id = await userWithPendingCodes();
    await dropPendingCode(id, "sms", "sms-2");
    const row = await readProfile(id);
    assert.equal(row?.pendingPhoneVerificationId, null);
    assert.equal(row?.pendingPhoneCodeExpiresAt, null);
    assert.equal(row?.pendingPhoneNumber, null);
    assert.equal(row?.pendingEmailVerificationId, "email-1");
  });

  test("a code sent since the one dropped (another tab's new code) stays pending", async () => {
    const id = await userWithPendingCodes();
    await dropPendingCode(id, "sms", "sms-1");
    await dropPendingCode(id, "email", "email-0");
    const row = await readProfile(id);
    assert.equal(row?.pendingPhoneVerificationId, "sms-2");
    assert.ok(row?.pendingPhoneCodeExpiresAt);
    assert.equal(row?.pendingPhoneNumber, "+14155550123");
    assert.equal(row?.pendingEmailVerificationId, "email-1");
  });
});
