// The CDP API as a local stub, in its own process so that its work does not share an
// event loop with the load generator. It answers `POST /onramp/v1/token` and
// `POST /onramp/v1/buy/quote` at once with fixed answers, speaking just enough HTTP/1.1
// over plain TCP to cost next to nothing, so the benchmark measures our own cost. It counts the connections it accepts: one pool
// in the app means about as many connections as concurrent requests, not one per request.
import { createServer } from "node:net";

const port = Number(process.argv[2]);
const TOKEN = JSON.stringify({ token: "bench-token-0123456789abcdef", channelId: "" });
const usd = (value) => ({ value, currency: "USD" });
const QUOTE = JSON.stringify({
  quote_id: "bench-quote-0123456789abcdef",
  payment_total: usd("25.00"),
  payment_subtotal: usd("23.51"),
  purchase_amount: { value: "23.51", currency: "USDC" },
  coinbase_fee: usd("1.49"),
  network_fee: usd("0.00"),
});
const reply = (status, body) =>
  Buffer.from(
    `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nkeep-alive: timeout=5\r\n\r\n${body}`,
  );
const ANSWERS = {
  "POST /onramp/v1/token": reply("200 OK", TOKEN),
  "POST /onramp/v1/buy/quote": reply("200 OK", QUOTE),
};
const NOT_FOUND = reply("404 Not Found", '{"code":5,"message":"not found"}');

let stats = fresh();
let open = 0;

function fresh() {
  return { connections: 0, peakOpen: 0, requests: 0, unauthenticated: 0 };
}

/** Answers each complete request in `buffer`; returns what is left of an incomplete one. */
function serve(socket, buffer) {
  for (;;) {
    const end = buffer.indexOf("\r\n\r\n");
    if (end < 0) return buffer;
    const head = buffer.toString("latin1", 0, end);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (buffer.length < end + 4 + length) return buffer;
    buffer = buffer.subarray(end + 4 + length);
    stats.requests++;
    if (!/\r\nauthorization: *Bearer [\w-]+\.[\w-]+\.[\w-]+\r\n/i.test(`${head}\r\n`))
      stats.unauthenticated++;
    const [method, target] = head.slice(0, head.indexOf("\r\n")).split(" ");
    socket.write(ANSWERS[`${method} ${target}`] ?? NOT_FOUND);
  }
}

const server = createServer((socket) => {
  stats.connections++;
  stats.peakOpen = Math.max(stats.peakOpen, ++open);
  let pending = Buffer.alloc(0);
  socket.setNoDelay(true);
  socket.on("data", (chunk) => {
    pending = serve(socket, pending.length ? Buffer.concat([pending, chunk]) : chunk);
  });
  socket.on("error", () => {});
  socket.on("close", () => open--);
});

process.on("message", (message) => {
  if (message === "reset") {
    stats = fresh();
    stats.peakOpen = open;
    process.send({ type: "reset", open });
  } else if (message === "stats") {
    process.send({ type: "stats", stats: { ...stats, open } });
  }
});
process.on("disconnect", () => process.exit(0));

server.listen(port, "127.0.0.1", () => process.send({ type: "ready" }));
