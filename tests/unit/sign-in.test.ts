import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { desc, eq, sql } from "drizzle-orm";
import { CODE_ATTEMPTS, getAuth } from "../../lib/auth/auth";
import { getSignedInUser } from "../../lib/auth/current-user";
import { knownBrowserCookie } from "../../lib/auth/known-browser";
import { requireCaller } from "../../lib/auth/require-caller";
import { sendSignInCode, signInWithCode, signOut } from "../../lib/auth/sign-in";
import { getDatabase } from "../../lib/db/client";
import { prepareDatabase } from "../../lib/db/prepare";
import { sandboxMail, session, verification } from "../../lib/db/schema";
import { isAppError } from "../../lib/http/app-error";
import { dropProcessSingleton } from "../../lib/process/singleton";
import { createHandoff, peekHandoff } from "../../lib/ramp/handoff";

/**
 * Sign-in codes against a real database (PGlite in memory, migrated as at start), through
 * lib/auth/sign-in.ts as the routes call it. In sandbox mode the code lands in the sandbox
 * inbox table, where these tests read it. The e2e suite covers the same rules over HTTP,
 * except expiry (ten minutes), which only a test that moves the clock of the stored code
 * can reach.
 */
before(async () => {
  Object.assign(process.env, {
    PGLITE_DIR: "memory://",
    SMTP_URL: "",
    CDP_API_KEY_ID: "",
    CDP_API_KEY_SECRET: "",
  });
  dropProcessSingleton("config");
  dropProcessSingleton("database");
  dropProcessSingleton("auth");
  await prepareDatabase();
});

after(async () => {
  await getDatabase().close();
});

let clients = 0;
/** A request from a client no other test uses: code requests are limited per IP. */
const requestFrom = (ip = `198.51.100.${++clients}`) =>
  new Request("http://localhost:3000/api/auth/code", {
    method: "POST",
    headers: { "x-forwarded-for": ip },
  });
const newEmail = () => `user-${randomBytes(6).toString("hex")}@example.com`;

/** Asks for a code for `email` and reads it from the sandbox inbox table. */
async function codeFor(email: string, from = requestFrom()): Promise<string> {
  await sendSignInCode(from, email);
  const [mail] = await getDatabase()
    .db.select()
    .from(sandboxMail)
    .where(eq(sandboxMail.to, email))
    .orderBy(desc(sandboxMail.id))
    .limit(1);
  const code = /^Your sign-in code: (\d{6})$/.exec(mail?.subject ?? "")?.[1];
  assert.ok(code, `no code mailed to ${email}`);
  return code;
}

const signIn = (email: string, code: string) => signInWithCode(requestFrom(), { email, code });
const wrong = (code: string, n = 1) => String((Number(code) + n) % 1_000_000).padStart(6, "0");

/** Passes when `attempt` is refused with the app error `code`. */
async function refusedWith(attempt: Promise<unknown>, code: string, status: number) {
  await assert.rejects(attempt, (e: unknown) => {
    assert.ok(isAppError(e), String(e));
    assert.equal(e.code, code);
    assert.equal(e.status, status);
    return true;
  });
}

/**
 * A stranger's ten tries at `email`, from browsers that never signed in as it: six end its
 * first code, four go at the second, mailed to the owner; that code is returned.
 */
async function strangerSpendsTenTries(email: string): Promise<string> {
  const first = await codeFor(email);
  for (let i = 1; i <= CODE_ATTEMPTS; i++)
    await refusedWith(signIn(email, wrong(first, i)), "invalid_code", 400);
  await refusedWith(signIn(email, first), "code_locked", 403);
  const second = await codeFor(email);
  for (let i = 1; i <= 4; i++)
    await refusedWith(signIn(email, wrong(second, i)), "invalid_code", 400);
  return second;
}

/**
 * The instance's refusal of new browsers' tries, as anyone reads it: a first-time user has no
 * browser they signed in with before, so it says first how long to wait (the Retry-After).
 */
function assertStrangerRefusal(message: string, retryAfter: number | undefined) {
  assert.ok(retryAfter && retryAfter <= 60, `a wait within the minute: ${retryAfter}`);
  const wait = retryAfter === 1 ? "a second" : `${retryAfter} seconds`;
  assert.equal(
    message,
    `Too many sign-in tries on this service just now. Try again in ${wait}. If you have signed in here before, the browser you used then can sign in now.`,
  );
  assert.doesNotMatch(message, /or in a browser you have signed in with before/);
}

/** The stored row of `email`'s current sign-in code (better-auth names it by type and email). */
const codeRow = (email: string) => eq(verification.identifier, `sign-in-otp-${email}`);

describe("sign-in codes", () => {
  test("the right code signs in: a session cookie that identifies the user", async () => {
    const email = newEmail();
    const headers = await signIn(email, await codeFor(email));
    const cookie = headers.get("set-cookie") ?? "";
    assert.match(cookie, /^ramp\.session=[^;]+/);
    const user = await getSignedInUser(new Headers({ cookie: cookie.split(";")[0]! }));
    assert.equal(user?.email, email);
    assert.ok(user && user.id.length > 0 && user.id.length < 50, "an id usable as partnerUserRef");
  });

  test("the code is stored encrypted, never as sent", async () => {
    const email = newEmail();
    const code = await codeFor(email);
    const [row] = await getDatabase().db.select().from(verification).where(codeRow(email));
    assert.ok(row, "a stored code");
    assert.ok(!row.value.includes(code), "the stored value holds the code in clear");
  });

  test("a code older than ten minutes is code_expired, and is gone afterwards", async () => {
    const email = newEmail();
    const code = await codeFor(email);
    const [row] = await getDatabase().db.select().from(verification).where(codeRow(email));
    const lifetime = row!.expiresAt.getTime() - row!.createdAt.getTime();
    assert.ok(Math.abs(lifetime - 10 * 60_000) < 5_000, `lifetime ${lifetime} ms`);

    await getDatabase()
      .db.update(verification)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(codeRow(email));
    await refusedWith(signIn(email, code), "code_expired", 400);
    await refusedWith(signIn(email, code), "invalid_code", 400);
    // A new code works.
    await signIn(email, await codeFor(email));
  });

  test(`${CODE_ATTEMPTS} wrong tries, then the right code is code_locked`, async () => {
    const email = newEmail();
    const code = await codeFor(email);
    for (let i = 1; i <= CODE_ATTEMPTS; i++)
      await refusedWith(signIn(email, wrong(code, i)), "invalid_code", 400);
    await refusedWith(signIn(email, code), "code_locked", 403);
  });

  test(`${CODE_ATTEMPTS - 1} wrong tries still leave the right code working`, async () => {
    const email = newEmail();
    const code = await codeFor(email);
    for (let i = 1; i < CODE_ATTEMPTS; i++)
      await refusedWith(signIn(email, wrong(code, i)), "invalid_code", 400);
    await signIn(email, code);
  });

  test("a used code is invalid_code the second time", async () => {
    const email = newEmail();
    const code = await codeFor(email);
    await signIn(email, code);
    await refusedWith(signIn(email, code), "invalid_code", 400);
  });

  test("asking again while the code works mails that same code: nobody can replace it", async () => {
    const email = newEmail();
    const first = await codeFor(email, requestFrom("203.0.113.10"));
    const again = await codeFor(email, requestFrom("203.0.113.11"));
    assert.equal(again, first);
    await signIn(email, first);
  });

  test("once a code is locked, asking again mails a new one, which works", async () => {
    const email = newEmail();
    const code = await codeFor(email);
    for (let i = 1; i <= CODE_ATTEMPTS; i++)
      await refusedWith(signIn(email, wrong(code, i)), "invalid_code", 400);
    const fresh = await codeFor(email);
    await signIn(email, fresh);
  });

  test("a code stored hashed (before codes were kept encrypted) is a wrong code, and asking again mails a new one", async () => {
    const email = newEmail();
    const code = await codeFor(email);
    // How the code was stored until it had to be mailed again: a hash, which cannot be decrypted.
    const hashed = createHash("sha256").update(code).digest("base64url");
    await getDatabase()
      .db.update(verification)
      .set({ value: `${hashed}:0` })
      .where(codeRow(email));
    await refusedWith(signIn(email, code), "invalid_code", 400);
    const fresh = await codeFor(email);
    await signIn(email, fresh);
  });

  test("an address that asked for no code gets invalid_code, as for a wrong one", async () => {
    await refusedWith(signIn(newEmail(), "123456"), "invalid_code", 400);
  });

  test("a stranger asking for codes to an address: paced for a moment, never an hour, and the owner's code still signs in", async () => {
    const email = newEmail();
    const code = await codeFor(email, requestFrom("203.0.113.78"));
    // Mail to one address, from all clients together: 3 every 3 minutes, then a short wait.
    assert.equal(await codeFor(email), code);
    assert.equal(await codeFor(email), code);
    for (let i = 0; i < 20; i++)
      await assert.rejects(sendSignInCode(requestFrom(), email), (e: unknown) => {
        assert.ok(isAppError(e) && e.code === "rate_limited", String(e));
        assert.ok((e.options.retryAfterSeconds ?? 0) <= 180, "a wait of 3 minutes at most");
        assert.match(e.message, /moments ago/);
        return true;
      });
    await signIn(email, code);
  });

  test("mail to one inbox is paced however its address is varied (+tags, Gmail's dots)", async () => {
    const name = `user${randomBytes(6).toString("hex")}`;
    for (const [sent, refused] of [
      [
        [`${name}@example.com`, `${name}+a@example.com`, `${name}+b@example.com`],
        `${name}+c@example.com`,
      ],
      [
        [
          `${name}@gmail.com`,
          `${name.slice(0, 4)}.${name.slice(4)}@gmail.com`,
          `${name}+x@googlemail.com`,
        ],
        `${name}@gmail.com`,
      ],
    ] as const) {
      for (const email of sent) await codeFor(email);
      await refusedWith(sendSignInCode(requestFrom(), refused), "rate_limited", 429);
    }
    // Another inbox of that domain is not held.
    await codeFor(`${name}x@example.com`);
  });

  test("codes for one email from one client: 5 an hour, then a wait past the minute", async () => {
    const email = newEmail();
    const someoneElse = "203.0.113.77";
    for (let i = 0; i < 5; i++)
      await sendSignInCode(requestFrom(someoneElse), email).catch(() => {});
    await assert.rejects(sendSignInCode(requestFrom(someoneElse), email), (e: unknown) => {
      assert.ok(isAppError(e) && e.code === "rate_limited", String(e));
      assert.ok((e.options.retryAfterSeconds ?? 0) > 180, "the window is an hour");
      return true;
    });
  });

  test("10 tries for one email in 15 minutes, across codes: then refused, even the right code, which is kept", async () => {
    const email = newEmail();
    const second = await strangerSpendsTenTries(email);
    // The eleventh try, even with the right code: refused, for 15 minutes.
    await assert.rejects(signIn(email, second), (e: unknown) => {
      assert.ok(isAppError(e) && e.code === "rate_limited", String(e));
      assert.ok((e.options.retryAfterSeconds ?? 0) > 60 * 10, "the window is 15 minutes");
      // The wait as it is: the window runs from the address's first try.
      const minutes = Math.ceil(e.options.retryAfterSeconds! / 60);
      assert.match(
        e.message,
        new RegExp(`^Too many tries for this address\\. Try again in ${minutes} minutes,`),
      );
      assert.match(e.message, /in a browser you have signed in with before/);
      return true;
    });
    const [row] = await getDatabase().db.select().from(verification).where(codeRow(email));
    assert.ok(row, "the code is kept for its owner");
  });

  test("tries the database could not check cost the address nothing: once it answers, the code signs in", async () => {
    const email = newEmail();
    const code = await codeFor(email);
    const { db } = getDatabase();
    // The codes' table unreadable, as when the database does not answer: no try is checked.
    await db.execute(sql`alter table verification rename to verification_away`);
    try {
      for (let i = 0; i < 12; i++)
        await assert.rejects(
          signIn(email, code),
          (e: unknown) => !isAppError(e) || e.code !== "rate_limited",
        );
    } finally {
      await db.execute(sql`alter table verification_away rename to verification`);
    }
    assert.ok((await signIn(email, code)).getSetCookie().length > 0);
  });

  test("a browser that signed in as the address before has tries of its own: a stranger who spent the address's keeps its owner out of nowhere else", async () => {
    const email = newEmail();
    const usual = (await knownBrowserCookie(email)).value;
    const second = await strangerSpendsTenTries(email);
    await refusedWith(signIn(email, wrong(second, 5)), "rate_limited", 429);
    // The owner, at the browser they signed in with before: the same code, mailed to them.
    const headers = await signInWithCode(requestFrom(), { email, code: second }, usual);
    assert.match(headers.get("set-cookie") ?? "", /^ramp\.session=/);
  });

  test("a known browser's tries are bounded too, and count for its own address only", async () => {
    const email = newEmail();
    const first = await codeFor(email);
    // A stranger's own account's browser is no known browser for someone else's address.
    const strangers = (await knownBrowserCookie(newEmail())).value;
    const usual = (await knownBrowserCookie(email)).value;
    for (let i = 1; i <= 4; i++)
      await refusedWith(
        signInWithCode(requestFrom(), { email, code: wrong(first, i) }, strangers),
        "invalid_code",
        400,
      );
    // Ten tries in the known browser (the first code ends at its fifth wrong one)...
    for (let i = 5; i <= 14; i++)
      await assert.rejects(signInWithCode(requestFrom(), { email, code: wrong(first, i) }, usual));
    const fresh = await codeFor(email);
    // ...and its eleventh within 15 minutes is refused, even with the right code.
    await refusedWith(
      signInWithCode(requestFrom(), { email, code: fresh }, usual),
      "rate_limited",
      429,
    );
    // The stranger's browser counted in the address's shared tries, of which 6 are left.
    await signInWithCode(requestFrom(), { email, code: fresh }, strangers);
  });

  test("wrong tries from new browsers at all addresses together: a tenth of the instance's ceiling; right ones and known browsers spend none", async () => {
    process.env.RATE_LIMIT_GLOBAL_PER_MINUTE = "30";
    dropProcessSingleton("config");
    try {
      // Codes first (each from a client of its own), so that only tries are counted below.
      const [a, b, c, d, usual] = [newEmail(), newEmail(), newEmail(), newEmail(), newEmail()];
      const codes = new Map<string, string>();
      for (const email of [a, b, c, d, usual]) codes.set(email, await codeFor(email));
      // A right code spends nothing: many users sign in.
      await signIn(a, codes.get(a)!);
      // Three wrong tries, each at another address, from another client: the ceiling (30 / 10).
      for (const email of [b, c, d])
        await refusedWith(signIn(email, wrong(codes.get(email)!)), "invalid_code", 400);
      await assert.rejects(signIn(d, codes.get(d)!), (e: unknown) => {
        assert.ok(isAppError(e) && e.code === "rate_limited", String(e));
        assertStrangerRefusal(e.message, e.options.retryAfterSeconds);
        return true;
      });
      // The browser a user signed in with before is not held up by the flood.
      const known = (await knownBrowserCookie(usual)).value;
      await signInWithCode(requestFrom(), { email: usual, code: codes.get(usual)! }, known);
    } finally {
      delete process.env.RATE_LIMIT_GLOBAL_PER_MINUTE;
      dropProcessSingleton("config");
    }
  });

  test("one client's wrong tries from new browsers: a twelfth of the instance's share, so it takes a dozen clients to spend it", async () => {
    // The default ceiling (600 a minute): 60 stranger tries for the instance, 5 per client.
    const emails = Array.from({ length: 7 }, newEmail);
    const codes = new Map<string, string>();
    for (const email of emails) codes.set(email, await codeFor(email));
    const client = "203.0.113.77";
    const tryFrom = (ip: string, email: string, code: string) =>
      signInWithCode(requestFrom(ip), { email, code });
    // A right code spends nothing of it.
    await tryFrom(client, emails[0]!, codes.get(emails[0]!)!);
    for (const email of emails.slice(1, 6))
      await refusedWith(tryFrom(client, email, wrong(codes.get(email)!)), "invalid_code", 400);
    const sixth = emails[6]!;
    await assert.rejects(tryFrom(client, sixth, wrong(codes.get(sixth)!)), (e: unknown) => {
      assert.ok(isAppError(e) && e.code === "rate_limited", String(e));
      assertStrangerRefusal(e.message, e.options.retryAfterSeconds);
      return true;
    });
    // Another client is not held up by it.
    await tryFrom("203.0.113.78", sixth, codes.get(sixth)!);
  });

  test("an IPv6 client's wrong tries from new browsers count for its home line (/56), not per /64", async () => {
    const emails = Array.from({ length: 6 }, newEmail);
    const codes = new Map<string, string>();
    for (const email of emails) codes.set(email, await codeFor(email));
    // Five /64s of one line, a try from each: the line's five.
    for (const [i, email] of emails.slice(0, 5).entries())
      await refusedWith(
        signInWithCode(requestFrom(`2001:db8:77:${i}::1`), {
          email,
          code: wrong(codes.get(email)!),
        }),
        "invalid_code",
        400,
      );
    const sixth = emails[5]!;
    const from = (ip: string) =>
      signInWithCode(requestFrom(ip), { email: sixth, code: codes.get(sixth)! });
    await refusedWith(from("2001:db8:77:ab::1"), "rate_limited", 429);
    // Another line is not held up by it.
    await from("2001:db8:77:100::1");
  });

  test("tries refused for a flood at all addresses cost the address nothing: once it is over, the owner signs in", async () => {
    process.env.RATE_LIMIT_GLOBAL_PER_MINUTE = "30";
    dropProcessSingleton("config");
    try {
      // A minute of its own (an earlier test spent this one's).
      dropProcessSingleton("rate-limiter.global.signin-try.3");
      const owner = newEmail();
      const code = await codeFor(owner);
      // The instance's 3 stranger tries a minute, spent on other addresses...
      for (const email of [newEmail(), newEmail(), newEmail()])
        await refusedWith(signIn(email, wrong(await codeFor(email))), "invalid_code", 400);
      // ...so ten tries at the owner's address (its own limit) are refused for the flood.
      for (let i = 1; i <= 10; i++)
        await refusedWith(signIn(owner, wrong(code, i)), "rate_limited", 429);
      // A minute later (the instance's count starts again): the owner's code still signs in.
      dropProcessSingleton("rate-limiter.global.signin-try.3");
      await signIn(owner, code);
    } finally {
      delete process.env.RATE_LIMIT_GLOBAL_PER_MINUTE;
      dropProcessSingleton("config");
    }
  });

  test("codes from all clients to all addresses: the instance's ceiling, however the client's address varies", async () => {
    process.env.RATE_LIMIT_GLOBAL_PER_MINUTE = "3";
    dropProcessSingleton("config");
    try {
      // Without a trusted proxy, a client can write a new X-Forwarded-For on every request.
      for (let i = 0; i < 3; i++) await sendSignInCode(requestFrom(), newEmail());
      await assert.rejects(sendSignInCode(requestFrom(), newEmail()), (e: unknown) => {
        assert.ok(isAppError(e) && e.code === "rate_limited", String(e));
        assert.match(e.message, /busy/);
        return true;
      });
    } finally {
      delete process.env.RATE_LIMIT_GLOBAL_PER_MINUTE;
      dropProcessSingleton("config");
    }
  });

  test("one address asked for again and again, from any number of clients, uses none of the ceiling once its own count is spent", async () => {
    process.env.RATE_LIMIT_GLOBAL_PER_MINUTE = "4";
    dropProcessSingleton("config");
    try {
      const target = newEmail();
      let mailed = 0;
      for (let i = 0; i < 12; i++)
        await sendSignInCode(requestFrom(), target).then(
          () => mailed++,
          (e: unknown) => assert.ok(isAppError(e) && e.code === "rate_limited", String(e)),
        );
      assert.ok(mailed >= 1 && mailed < 4, `${mailed} mails to one address`);
      // Everyone else still gets the rest of the instance's allowance.
      for (let i = mailed; i < 4; i++) await sendSignInCode(requestFrom(), newEmail());
      await assert.rejects(sendSignInCode(requestFrom(), newEmail()), /busy/);
    } finally {
      delete process.env.RATE_LIMIT_GLOBAL_PER_MINUTE;
      dropProcessSingleton("config");
    }
  });
});

describe("signing out", () => {
  test("ends the session and every phone link the user made (a shared computer)", async () => {
    const email = newEmail();
    const signedIn = await signIn(email, await codeFor(email));
    const cookie = new Headers({ cookie: signedIn.get("set-cookie")!.split(";")[0]! });
    const user = (await getSignedInUser(cookie))!;
    const link = await createHandoff(
      "buy",
      { asset: "USDC", network: "base", address: "0x52908400098527886E0F7030069857D2E4169EE7" },
      user.id,
    );
    const id = link.url.split("/h/")[1]!;
    assert.equal((await peekHandoff(id)).ok, true);

    await signOut(new Request("http://localhost:3000/api/auth/sign-out", { headers: cookie }));
    assert.equal(await getSignedInUser(cookie), null);
    assert.deepEqual(await peekHandoff(id), { ok: false, reason: "ended" });
  });
});

describe("a session's lifetime", () => {
  const DAY = 24 * 60 * 60 * 1000;
  const daysFromNow = (days: number) => new Date(Date.now() + days * DAY);

  /** Signs a new user in: the cookie of their session, and where to find its row. */
  async function signedInSession() {
    const email = newEmail();
    const headers = await signIn(email, await codeFor(email));
    const cookie = new Headers({ cookie: headers.get("set-cookie")!.split(";")[0]! });
    const user = (await getSignedInUser(cookie))!;
    const row = eq(session.userId, user.id);
    return { cookie, row };
  }

  /** As a session used every day looks: renewed yesterday for 30 more days, signed in `days` ago. */
  const signedInDaysAgo = (row: ReturnType<typeof eq>, days: number) =>
    getDatabase()
      .db.update(session)
      .set({
        createdAt: daysFromNow(-days),
        updatedAt: daysFromNow(-1),
        expiresAt: daysFromNow(29),
      })
      .where(row);

  test("ends 90 days after its sign-in, however often it was renewed: the user signs in again", async () => {
    const { cookie, row } = await signedInSession();
    await signedInDaysAgo(row, 91);
    await refusedWith(
      requireCaller(new Request("http://localhost:3000/api/onramp", { headers: cookie })),
      "sign_in_required",
      401,
    );
    assert.equal(await getSignedInUser(cookie), null);
    const rows = await getDatabase().db.select().from(session).where(row);
    assert.deepEqual(rows, [], "the session is deleted, not only refused");
  });

  /**
   * Runs `body` with a session due for its daily renewal, whose row something else (a sign-out
   * in another tab, a second click) deletes while that renewal runs; returns its cookie.
   */
  async function withRowGoneAtRenewal(body: (cookie: Headers) => Promise<void>) {
    const { cookie, row } = await signedInSession();
    await signedInDaysAgo(row, 10);
    const adapter = (await getAuth().$context).internalAdapter;
    const renew = adapter.updateSession;
    adapter.updateSession = async (token, ...rest) => {
      await adapter.deleteSession(token);
      return renew(token, ...rest);
    };
    try {
      await body(cookie);
    } finally {
      adapter.updateSession = renew;
    }
    return cookie;
  }

  test("deleted while its daily renewal runs (a sign-out in another tab): signed out, not a 500", async () => {
    await withRowGoneAtRenewal(async (cookie) => {
      assert.equal(await getSignedInUser(cookie), null);
      await refusedWith(
        requireCaller(new Request("http://localhost:3000/api/onramp", { headers: cookie })),
        "sign_in_required",
        401,
      );
    });
  });

  test("signed out twice at once at its daily renewal (a double click): both end well, signed out", async () => {
    const cookie = await withRowGoneAtRenewal(async (cookie) => {
      const headers = await signOut(
        new Request("http://localhost:3000/api/auth/sign-out", { headers: cookie }),
      );
      assert.match(headers.get("set-cookie") ?? "", /Max-Age=0/i, "the cookie is cleared");
    });
    assert.equal(await getSignedInUser(cookie), null);
  });

  test("renewed on use, it still signs in before those 90 days", async () => {
    const { cookie, row } = await signedInSession();
    await signedInDaysAgo(row, 89);
    assert.ok(await getSignedInUser(cookie));
    const caller = await requireCaller(new Request("http://localhost:3000/", { headers: cookie }));
    assert.equal(caller.kind, "user");
  });
});

describe("the session cookie", () => {
  const signInAt = async (appUrl: string) => {
    process.env.APP_URL = appUrl;
    dropProcessSingleton("config");
    dropProcessSingleton("auth");
    const email = newEmail();
    const headers = await signInWithCode(requestFrom(), { email, code: await codeFor(email) });
    return headers.getSetCookie().find((c) => /session=/.test(c)) ?? "";
  };
  after(() => {
    delete process.env.APP_URL;
    dropProcessSingleton("config");
    dropProcessSingleton("auth");
  });

  test("over https: __Host- prefixed, Secure, httpOnly, Path=/, no Domain", async () => {
    const cookie = await signInAt("https://ramps.example.com");
    assert.match(cookie, /^__Host-ramp\.session=/);
    assert.match(cookie, /; Secure/i);
    assert.match(cookie, /; HttpOnly/i);
    assert.match(cookie, /; Path=\/(;|$)/);
    assert.match(cookie, /; SameSite=Lax/i);
    assert.doesNotMatch(cookie, /Domain=/i);
  });

  test("kept by the browser for the 90-day cap: a session renewed on use is not dropped on day 30", async () => {
    const cookie = await signInAt("https://ramps.example.com");
    assert.match(cookie, new RegExp(`; Max-Age=${90 * 24 * 60 * 60}(;|$)`, "i"));
    assert.doesNotMatch(cookie, /Expires=/i);
  });

  test("over http (local sandbox): a plain name without Secure, still httpOnly", async () => {
    const cookie = await signInAt("http://localhost:3000");
    assert.match(cookie, /^ramp\.session=/);
    assert.doesNotMatch(cookie, /; Secure/i);
    assert.match(cookie, /; HttpOnly/i);
  });
});

describe("a mail server that does not take the code", () => {
  let smtpUrl = "";
  before(async () => {
    // A port nothing listens on: the connection is refused at once.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    smtpUrl = `smtp://127.0.0.1:${port}`;
    process.env.SMTP_URL = smtpUrl;
    for (const name of ["config", "auth", "smtp-transport"]) dropProcessSingleton(name);
  });
  after(() => {
    process.env.SMTP_URL = "";
    for (const name of ["config", "auth", "smtp-transport"]) dropProcessSingleton(name);
  });

  test("asking for a code says so (503 email_unavailable), not that it was sent", async () => {
    await refusedWith(sendSignInCode(requestFrom(), newEmail()), "email_unavailable", 503);
  });

  test("codes not mailed cost the address nothing: asked again once mail works, one is sent", async () => {
    const email = newEmail();
    const from = requestFrom();
    // More than the address's 3 mails in 3 minutes and 5 codes an hour from one client.
    for (let i = 0; i < 6; i++)
      await refusedWith(sendSignInCode(from, email), "email_unavailable", 503);
    process.env.SMTP_URL = "";
    for (const name of ["config", "auth", "smtp-transport"]) dropProcessSingleton(name);
    try {
      assert.match(await codeFor(email, from), /^\d{6}$/);
    } finally {
      process.env.SMTP_URL = smtpUrl;
      for (const name of ["config", "auth", "smtp-transport"]) dropProcessSingleton(name);
    }
  });
});
