import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { guestProfile, user } from "../../lib/db/schema";
import { dropPendingCode, readProfile, updateProfile } from "../../lib/guest/profile";
import { spendCodeSend } from "../../lib/guest/code-limits";
import { sendCode } from "../../lib/guest/verification";
import { spendMintingCeiling } from "../../lib/abuse/guard-minting";
import { isAppError } from "../../lib/http/app-error";
import { dropProcessSingleton } from "../../lib/process/singleton";
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

describe("a guest code spends the instance's ceiling only for a text that goes out (lib/guest/verification.ts)", () => {
  const refusedWith = (message: RegExp) => (e: unknown) =>
    isAppError(e) && e.code === "rate_limited" && message.test(e.message);

  test("a send the number's pacing refuses spends none of it; one the ceiling refuses leaves the number free", async () => {
    // A ceiling of two texts a minute for the whole instance (no REDIS_URL: in memory).
    process.env.RATE_LIMIT_GLOBAL_PER_MINUTE = "2";
    dropProcessSingleton("config");
    const someone = aUser(`${crypto.randomUUID()}@example.com`);
    await db().insert(user).values(someone);
    const phone = `+1205555${String(Math.floor(Math.random() * 1e4)).padStart(4, "0")}`;
    // Another user's code went to the number a moment ago: this one waits its minute...
    await spendCodeSend({ userId: crypto.randomUUID(), destination: phone, theirs: false });
    for (let i = 0; i < 3; i++)
      await assert.rejects(sendCode(someone, { channel: "sms", phone }), refusedWith(/minute/));
    // ...and the ceiling is whole: two texts may still go out this minute.
    await spendMintingCeiling();
    await spendMintingCeiling();
    // Now the instance is busy: the next send is refused, and its number was not paced by it.
    const other = `+1205556${String(Math.floor(Math.random() * 1e4)).padStart(4, "0")}`;
    await assert.rejects(sendCode(someone, { channel: "sms", phone: other }), refusedWith(/busy/));
    assert.equal(
      await spendCodeSend({ userId: someone.id, destination: other, theirs: false }),
      60,
    );
  });
});
