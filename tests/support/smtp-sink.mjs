// A real SMTP server for the live e2e server's mail (SMTP_URL points here): it accepts every
// message and appends it to a file as one JSON line, which the tests read to find a sign-in
// code. Usage: node tests/support/smtp-sink.mjs <port> <file>
import { appendFileSync, writeFileSync } from "node:fs";
import { SMTPServer } from "smtp-server";

const [port, file] = [Number(process.argv[2]), process.argv[3]];
if (!port || !file) throw new Error("usage: smtp-sink.mjs <port> <file>");
writeFileSync(file, "");

/** The headers of a raw message, folded lines joined, names in lower case. */
function headersOf(raw) {
  const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, " ");
  return Object.fromEntries(
    head.split(/\r?\n/).map((line) => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
}

const server = new SMTPServer({
  // Plain SMTP on loopback, as to a local relay: no TLS, no login.
  disabledCommands: ["STARTTLS", "AUTH"],
  authOptional: true,
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const headers = headersOf(raw);
      const message = {
        receivedAt: new Date().toISOString(),
        // The envelope: who the message was actually delivered to.
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        to: session.envelope.rcptTo.map((r) => r.address),
        subject: headers.subject ?? "",
        raw,
      };
      appendFileSync(file, `${JSON.stringify(message)}\n`);
      callback();
    });
  },
});
server.on("error", (error) => console.error("smtp-sink:", error.message));
server.listen(port, "127.0.0.1", () =>
  console.log(`smtp-sink listening on ${port}, writing ${file}`),
);
