import { afterEach, beforeEach, describe, mock, test } from "node:test";
import assert from "node:assert/strict";
import {
  claimDrafts,
  forgetEveryDraft,
  saveSessionDraft,
} from "../../components/shared/session-draft";

/**
 * A tab's drafts across a sign-in (components/shared/session-draft.ts), with a sessionStorage
 * of the tab's own and the clock moved by hand. The browser tests drive the same through
 * pages (cross-user.spec.ts); here each draft's own time is checked.
 */
class TabStorage {
  private items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
  clear = () => this.items.clear();
}

const MINUTE = 60_000;
let now = Date.parse("2026-12-07T10:00:00Z");

beforeEach(() => {
  (globalThis as unknown as { sessionStorage: TabStorage }).sessionStorage = new TabStorage();
  mock.method(Date, "now", () => now);
});
afterEach(() => mock.restoreAll());

const kept = (key: string) => sessionStorage.getItem(key);

describe("drafts typed signed out, then someone signs in from the tab", () => {
  test("typed moments before: the user's own, kept", () => {
    saveSessionDraft("ramp-draft:buy", { address: "0xmine" });
    now += 2 * MINUTE;
    assert.deepEqual(claimDrafts("me@example.com"), { forgotOthers: false });
    assert.equal(kept("ramp-draft:buy"), JSON.stringify({ address: "0xmine" }));
  });

  test("typed a quarter of an hour before, another form opened since: that one goes, the new one stays", () => {
    forgetEveryDraft(); // the last user signed out here
    saveSessionDraft("ramp-draft:buy", { address: "0xstranger" });
    now += 20 * MINUTE;
    // The next person opens /sell (its defaults written), then signs in.
    saveSessionDraft("ramp-draft:sell", { address: "" });
    now += MINUTE;
    assert.deepEqual(claimDrafts("next@example.com"), { forgotOthers: true });
    assert.equal(kept("ramp-draft:buy"), null);
    assert.equal(kept("ramp-draft:sell"), JSON.stringify({ address: "" }));
  });

  test("the same draft written again unchanged keeps the time it was typed", () => {
    saveSessionDraft("ramp-draft:buy", { address: "0xstranger" });
    now += 20 * MINUTE;
    saveSessionDraft("ramp-draft:buy", { address: "0xstranger" }); // a page that restored it
    assert.deepEqual(claimDrafts("next@example.com"), { forgotOthers: true });
    assert.equal(kept("ramp-draft:buy"), null);
  });

  test("drafts of another signed-in user go whenever it was", () => {
    claimDrafts("first@example.com");
    saveSessionDraft("ramp-draft:buy", { address: "0xfirst" });
    assert.deepEqual(claimDrafts("second@example.com"), { forgotOthers: true });
    assert.equal(kept("ramp-draft:buy"), null);
  });
});
