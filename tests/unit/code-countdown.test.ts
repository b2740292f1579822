import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { clockTime, newCodeWaitText } from "../../components/shared/NewCodeWait";
import { readCodeStep } from "../../components/auth/code-step-memory";

describe("the wait before a new code, as the forms show it", () => {
  test("minutes and seconds, as a clock", () => {
    assert.equal(newCodeWaitText(42), "You can ask for a new code in 0:42");
    assert.equal(clockTime(180), "3:00");
    assert.equal(clockTime(61), "1:01");
    assert.equal(clockTime(9.2), "0:10");
    assert.equal(clockTime(-5), "0:00");
  });
});

describe("the sign-in code step kept for the tab", () => {
  const MINUTES_10 = 10 * 60_000;
  const now = 1_800_000_000_000;
  const kept = (value: object) => JSON.stringify({ email: "a@example.com", ...value });

  test("a wait the server named goes on from where it is now", () => {
    const step = readCodeStep(
      kept({ sentAt: now - 60_000, nextCodeAt: now + 41_500 }),
      now,
      MINUTES_10,
    );
    assert.deepEqual(step, { email: "a@example.com", waitSeconds: 42 });
  });

  test("a wait already over is none, never less than none", () => {
    const step = readCodeStep(
      kept({ sentAt: now - 300_000, nextCodeAt: now - 90_000 }),
      now,
      MINUTES_10,
    );
    assert.deepEqual(step, { email: "a@example.com", waitSeconds: 0 });
  });

  test("after a code that was sent (no wait named): no countdown", () => {
    assert.deepEqual(readCodeStep(kept({ sentAt: now - 1000 }), now, MINUTES_10), {
      email: "a@example.com",
      waitSeconds: 0,
    });
  });

  test("nothing once the code no longer works, or when the storage holds something else", () => {
    assert.equal(readCodeStep(kept({ sentAt: now - MINUTES_10 }), now, MINUTES_10), null);
    assert.equal(readCodeStep(null, now, MINUTES_10), null);
    assert.equal(readCodeStep("not json", now, MINUTES_10), null);
    assert.equal(readCodeStep(JSON.stringify({ sentAt: now }), now, MINUTES_10), null);
  });
});
