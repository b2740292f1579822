import { describe, mock, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import {
  type CodeSend,
  codeSendWait,
  refundCodeSend,
  sentNothing,
  spendCodeSend,
  spendCodeTry,
} from "../../lib/guest/code-limits";
import { AppError, isAppError } from "../../lib/http/app-error";

/**
 * The caps on Coinbase's one-time codes for guest checkout (lib/guest/code-limits.ts), in
 * memory (no REDIS_URL): sends per phone number and per user, tries per code.
 */
const fresh = (prefix: string) => `${prefix}-${randomBytes(6).toString("hex")}`;

/** A send to `destination` by `userId` (a new user by default), not known to be theirs. */
const to = (destination: string, userId = fresh("user"), theirs = false): CodeSend => ({
  userId,
  destination,
  theirs,
});

/** Passes when `attempt` is refused 429 rate_limited, its message and Retry-After in range. */
async function refused(attempt: Promise<unknown>, message: RegExp, retryAfter: [number, number]) {
  await assert.rejects(attempt, (e: unknown) => {
    assert.ok(isAppError(e), String(e));
    assert.deepEqual([e.code, e.status], ["rate_limited", 429]);
    assert.match(e.message, message);
    const seconds = e.options.retryAfterSeconds ?? 0;
    assert.ok(seconds >= retryAfter[0] && seconds <= retryAfter[1], `Retry-After ${seconds}`);
    return true;
  });
}

describe("guest code sends", () => {
  test("one code a minute to a phone number, whoever asks; the wait is what the form counts down", async () => {
    const phone = fresh("+1205");
    assert.equal(await spendCodeSend(to(phone)), 60);
    await refused(spendCodeSend(to(phone)), /wait a minute/, [1, 60]);
  });

  test("5 codes in 15 minutes to a phone number, a minute apart: the fifth's wait is the rest of the 15 minutes", async () => {
    // The limiter's clock: the minutes between sends pass without waiting for them.
    mock.timers.enable({ apis: ["Date", "setTimeout"], now: Date.now() });
    try {
      const phone = fresh("+1205");
      for (let i = 0; i < 4; i++) {
        assert.equal(await spendCodeSend(to(phone)), 60);
        mock.timers.tick(61_000);
      }
      // The fifth is sent; the form counts down to the end of the 15 minutes, not one minute.
      assert.equal(await spendCodeSend(to(phone)), 15 * 60 - 4 * 61);
      mock.timers.tick(61_000);
      await refused(spendCodeSend(to(phone)), /5 codes were sent there/, [1, 15 * 60 - 5 * 61]);
      mock.timers.tick(15 * 60_000);
      assert.equal(await spendCodeSend(to(phone)), 60);
    } finally {
      mock.timers.reset();
    }
  });

  test("10 codes an hour per user, across phone numbers", async () => {
    const user = fresh("user");
    for (let i = 0; i < 10; i++) await spendCodeSend(to(fresh("+1205"), user));
    await refused(spendCodeSend(to(fresh("+1205"), user)), /10 codes in the last hour/, [61, 3600]);
  });
});

describe("the wait a reloaded page counts down", () => {
  test("is the rest of the wait the send started, read without spending a send", async () => {
    mock.timers.enable({ apis: ["Date", "setTimeout"], now: Date.now() });
    try {
      const send = to(fresh("+1205"));
      assert.equal(await codeSendWait(send), 0, "nothing sent yet: no wait");
      assert.equal(await spendCodeSend(send), 60);
      mock.timers.tick(20_000);
      // Reloaded 20 s later: 40 s left, neither a fresh minute nor none.
      assert.equal(await codeSendWait(send), 40);
      assert.equal(await codeSendWait(send), 40, "reading it spent nothing");
      mock.timers.tick(41_000);
      assert.equal(await codeSendWait(send), 0);
      assert.equal(await spendCodeSend(send), 60);
    } finally {
      mock.timers.reset();
    }
  });
});

describe("a send one cap refuses costs none of the others", () => {
  test("a user over their hourly cap does not hold up the number they keep asking for", async () => {
    const [user, phone] = [fresh("user"), fresh("+1205")];
    for (let i = 0; i < 10; i++) await spendCodeSend(to(fresh("+1205"), user));
    for (let i = 0; i < 3; i++)
      await refused(spendCodeSend(to(phone, user)), /10 codes in the last hour/, [61, 3600]);
    // Its owner asks now: no code went there, so nothing makes them wait.
    assert.equal(await spendCodeSend(to(phone)), 60);
  });

  test("sends refused while a number's 15 minutes run leave the user's own hour whole", async () => {
    mock.timers.enable({ apis: ["Date", "setTimeout"], now: Date.now() });
    try {
      const [user, phone] = [fresh("user"), fresh("+1205")];
      // Someone else has five codes sent to the number the user is about to verify.
      for (let i = 0; i < 5; i++) {
        await spendCodeSend(to(phone));
        mock.timers.tick(61_000);
      }
      // The user asks every minute while the 15 minutes run: refused each time, nothing sent.
      for (let i = 0; i < 10; i++) {
        await refused(spendCodeSend(to(phone, user)), /5 codes were sent there/, [1, 15 * 60]);
        mock.timers.tick(61_000);
      }
      mock.timers.tick(15 * 60_000);
      // Their number's wait is over, and so is theirs: a code goes out.
      assert.equal(await spendCodeSend(to(phone, user)), 60);
    } finally {
      mock.timers.reset();
    }
  });
});

describe("a number the user verified before", () => {
  test("strangers filling its caps keep its owner waiting for nothing; the owner's own caps still hold", async () => {
    mock.timers.enable({ apis: ["Date", "setTimeout"], now: Date.now() });
    try {
      const [owner, phone] = [fresh("user"), fresh("+1205")];
      const ownerAsks = () => spendCodeSend(to(phone, owner, true));
      // A stranger has the number's five codes in 15 minutes sent, the last just now.
      for (let i = 0; i < 5; i++) {
        mock.timers.tick(61_000);
        await spendCodeSend(to(phone));
      }
      await refused(spendCodeSend(to(phone)), /wait a minute/, [1, 60]);
      // Its owner, returning to verify it again, gets a code at once.
      assert.equal(await ownerAsks(), 60);
      await refused(ownerAsks(), /wait a minute/, [1, 60]);
      for (let i = 0; i < 4; i++) {
        mock.timers.tick(61_000);
        await ownerAsks();
      }
      mock.timers.tick(61_000);
      await refused(ownerAsks(), /5 codes were sent there/, [1, 15 * 60]);
    } finally {
      mock.timers.reset();
    }
  });

  test("the owner's sends spend nothing of what strangers share: they are paced as before", async () => {
    const [owner, phone] = [fresh("user"), fresh("+1205")];
    await spendCodeSend(to(phone, owner, true));
    assert.equal(await spendCodeSend(to(phone)), 60);
    await refused(spendCodeSend(to(phone)), /wait a minute/, [1, 60]);
  });
});

describe("a send Coinbase refused", () => {
  test("is given back: the user may ask again at once, and it counts toward no cap", async () => {
    const [user, phone] = [fresh("user"), fresh("+1205")];
    await spendCodeSend(to(phone, user));
    await refundCodeSend(to(phone, user));
    await spendCodeSend(to(phone, user));
    for (let i = 0; i < 9; i++) {
      const other = fresh("+1205");
      await spendCodeSend(to(other, user));
      await refundCodeSend(to(other, user));
    }
    for (let i = 0; i < 9; i++) await spendCodeSend(to(fresh("+1205"), user));
  });

  test("only when Coinbase's answer says nothing was texted; a timeout or reset may have been", () => {
    const refusal = (code: ConstructorParameters<typeof AppError>[0]) => new AppError(code, "x");
    assert.equal(sentNothing(refusal("upstream_rejected")), true);
    assert.equal(sentNothing(refusal("upstream_busy")), true);
    assert.equal(sentNothing(refusal("upstream_auth")), true);
    assert.equal(sentNothing(refusal("upstream_timeout")), false);
    assert.equal(sentNothing(refusal("upstream_error")), false);
    assert.equal(sentNothing(new Error("socket hang up")), false);
  });
});

describe("guest code tries", () => {
  test("the fifth try is a code's last; a sixth is code_locked, saying the code is used up", async () => {
    const verification = fresh("onramp_verification");
    for (let i = 1; i <= 4; i++) assert.equal(await spendCodeTry(verification), false);
    assert.equal(await spendCodeTry(verification), true);
    await assert.rejects(spendCodeTry(verification), (e: unknown) => {
      assert.ok(isAppError(e) && e.code === "code_locked", String(e));
      assert.match(e.message, /no longer works. Send yourself a new code/);
      return true;
    });
  });
});
