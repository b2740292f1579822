import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, type AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { dropProcessSingleton } from "../../lib/process/singleton";
import { sendMail, smtpStartupWarning } from "../../lib/mail/send-mail";
import {
  inboxAddressesOf,
  listSandboxInbox,
  sandboxInboxEnabled,
  signInCodesInInbox,
} from "../../lib/mail/sandbox-inbox";
import { startVerification } from "../../lib/sandbox/onramp/verifications";
import { sendTwoFactorCode } from "../../lib/sandbox/oauth/two-factor";
import { getDatabase } from "../../lib/db/client";
import { prepareDatabase } from "../../lib/db/prepare";
import { databaseMode, user } from "../../lib/db/schema";
import { updateProfile } from "../../lib/guest/profile";
import { signInCodeMail } from "../../lib/auth/sign-in-mail";
import { isAppError } from "../../lib/http/app-error";
import { captureOutput } from "../support/capture-output";

/** A real SMTP server (no TLS) on a free loopback port that keeps what it receives. */
async function startSmtp(host = "127.0.0.1") {
  const received: { from: string; to: string[]; data: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, done) {
      let data = "";
      stream.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function useEnv(env: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  dropProcessSingleton("config");
  dropProcessSingleton("smtp-transport");
}

describe("mail through a real SMTP server (SMTP_URL)", () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  before(async () => {
    smtp = await startSmtp();
    useEnv({
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: "codes@ramps.example",
      PGLITE_DIR: "memory://",
    });
    dropProcessSingleton("database");
    await prepareDatabase();
  });
  after(async () => {
    await smtp.close();
    useEnv({ SMTP_URL: undefined, MAIL_FROM: undefined });
  });

  test("a sign-in code email arrives, from MAIL_FROM, to the user, with the code", async () => {
    assert.equal(signInCodesInInbox(), false);
    await sendMail(signInCodeMail("user@example.com", "482913", 10));
    assert.equal(smtp.received.length, 1);
    const [mail] = smtp.received;
    assert.equal(mail!.from, "codes@ramps.example");
    assert.deepEqual(mail!.to, ["user@example.com"]);
    assert.match(mail!.data, /Subject: Your sign-in code: 482913/);
    assert.match(mail!.data, /Your sign-in code is 482913\./);
    assert.match(mail!.data, /for 10 minutes/);
  });

  test("the simulated Coinbase's codes still land in the sandbox inbox: no mail server could deliver them", async () => {
    const before = smtp.received.length;
    await startVerification("sms", "+12065550123");
    await sendTwoFactorCode("account-1:idem-1", "{}");
    assert.equal(smtp.received.length, before, "nothing went to the SMTP server");
    assert.equal(sandboxInboxEnabled(), true);
    const inbox = await listSandboxInbox();
    assert.deepEqual(
      inbox.slice(0, 2).map((m) => [m.to, m.subject.replace(/\d+$/, "<code>")]),
      [
        ["sandy@example.com", "Your Coinbase two-step verification code: <code>"],
        ["+12065550123", "Your Coinbase verification code: <code>"],
      ],
    );
  });

  test("real users signing in by real mail: each sees only the codes sent to them, never another's", async () => {
    const alice = { id: "user-alice", email: "alice@example.com" };
    await getDatabase()
      .db.insert(user)
      .values({ ...alice, name: "Alice" });
    await updateProfile(alice.id, { pendingPhoneNumber: "+12065550111" });
    await startVerification("sms", "+12065550111");
    await startVerification("email", "alice@example.com");
    await startVerification("email", "bob@example.com");
    await startVerification("sms", "+12065550122");
    const seen = (await listSandboxInbox(await inboxAddressesOf(alice))).map((m) => m.to);
    assert.deepEqual([...new Set(seen)].sort(), [
      "+12065550111",
      "alice@example.com",
      "sandy@example.com",
    ]);
  });

  test("a relay elsewhere that offers no STARTTLS gets nothing in clear, unless its URL says requireTLS=false", async (t) => {
    // 127.0.0.2 is this machine too (Linux answers all of 127/8), but not a name the app takes
    // for it: it stands for a relay across a network.
    const elsewhere = await startSmtp("127.0.0.2").catch(() => null);
    if (!elsewhere) return t.skip("127.0.0.2 cannot be listened on here");
    try {
      useEnv({ SMTP_URL: `smtp://127.0.0.2:${elsewhere.port}` });
      const refused = await captureOutput(() =>
        assert.rejects(
          sendMail(signInCodeMail("user@example.com", "222222", 10)),
          (error) => isAppError(error) && error.code === "email_unavailable",
        ),
      );
      assert.match(refused, /"event":"mail_failed"/);
      assert.equal(elsewhere.received.length, 0, "nothing was sent in clear");
      useEnv({ SMTP_URL: `smtp://127.0.0.2:${elsewhere.port}?requireTLS=false` });
      await sendMail(signInCodeMail("user@example.com", "333333", 10));
      assert.equal(elsewhere.received.length, 1);
    } finally {
      await elsewhere.close();
      useEnv({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    }
  });

  test("a sender the mail server refuses: the log names the step and its reply code, never the address", async () => {
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onMailFrom(_address, _session, callback) {
        callback(Object.assign(new Error("Sender not verified"), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    useEnv({ SMTP_URL: `smtp://127.0.0.1:${(refusing.server.address() as AddressInfo).port}` });
    try {
      const output = await captureOutput(() =>
        assert.rejects(sendMail(signInCodeMail("user@example.com", "111111", 10))),
      );
      const [line] = output
        .split("\n")
        .flatMap((l) => /\{"time".*"event":"mail_failed".*\}/.exec(l) ?? [])
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.deepEqual([line?.responseCode, line?.command], [550, "MAIL FROM"]);
      assert.doesNotMatch(output, /user@example\.com|codes@ramps\.example/);
    } finally {
      useEnv({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  test("at start, an SMTP server that does not answer is named, its password not", async () => {
    assert.equal(await smtpStartupWarning(), null);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    useEnv({ SMTP_URL: `smtp://relay:pa55word-kept@127.0.0.1:${port}` });
    try {
      const warning = await smtpStartupWarning();
      assert.equal(warning?.variable, "SMTP_URL");
      assert.match(warning?.message ?? "", /\(ESOCKET\)/);
      assert.doesNotMatch(JSON.stringify(warning), /pa55word|relay/);
    } finally {
      useEnv({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    }
  });

  test("an SMTP server that is gone: 503 email_unavailable, not a crash", async () => {
    await smtp.close();
    await assert.rejects(sendMail(signInCodeMail("user@example.com", "111111", 10)), (error) => {
      assert.ok(isAppError(error));
      assert.equal(error.code, "email_unavailable");
      assert.equal(error.status, 503);
      return true;
    });
  });
});

describe("mail in sandbox mode (no SMTP_URL): the sandbox inbox", () => {
  before(async () => {
    useEnv({ SMTP_URL: undefined, PGLITE_DIR: "memory://" });
    dropProcessSingleton("database");
    await prepareDatabase();
  });

  test("messages land in the inbox, newest first, in full", async () => {
    assert.equal(sandboxInboxEnabled(), true);
    await sendMail(signInCodeMail("first@example.com", "123456", 10));
    await sendMail(signInCodeMail("second@example.com", "654321", 10));
    const inbox = await listSandboxInbox();
    assert.deepEqual(
      inbox.map((m) => [m.to, m.subject]),
      [
        ["second@example.com", "Your sign-in code: 654321"],
        ["first@example.com", "Your sign-in code: 123456"],
      ],
    );
    assert.match(inbox[1]!.body, /Your sign-in code is 123456\./);
  });

  test("on a database a live server has taken since, no code is sent: anyone could sign in as its users", async () => {
    const { db } = getDatabase();
    await db
      .insert(databaseMode)
      .values({ mode: "live" })
      .onConflictDoUpdate({ target: databaseMode.id, set: { mode: "live" } });
    try {
      await assert.rejects(sendMail(signInCodeMail("third@example.com", "111111", 10)), (error) => {
        assert.ok(isAppError(error));
        assert.deepEqual([error.code, error.status], ["email_unavailable", 503]);
        return true;
      });
      assert.equal((await listSandboxInbox(["third@example.com"])).length, 0);
    } finally {
      await db.delete(databaseMode);
    }
  });
});
