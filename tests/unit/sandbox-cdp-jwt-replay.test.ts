import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT } from "jose";
import { cdpRequest } from "../../lib/cdp/client";
import { signCdpJwt } from "../../lib/cdp/jwt";
import { getCdpJwtKey, getCdpSigningKey } from "../../lib/cdp/signing-key";
import { handleBuyOptions } from "../../lib/sandbox/cdp/options-endpoint";

// The sandbox's buy/options endpoint served over real HTTP, and in front of it a gateway
// that lets the first request through but loses its answer (a 503), as a proxy can.
const PATH = "/onramp/v1/buy/options";
const QUERY = "?country=US&subdivision=NY";
let sandbox: Server;
let gateway: Server;
let sandboxUrl: string;
let gatewayUrl: string;
let gatewayHits = 0;

function toRequest(req: IncomingMessage, origin: string): Request {
  return new Request(`${origin}${req.url ?? "/"}`, {
    method: req.method,
    headers: { host: req.headers.host ?? "", authorization: req.headers.authorization ?? "" },
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

before(async () => {
  sandbox = createServer((req, res) => {
    void handleBuyOptions(toRequest(req, sandboxUrl)).then(async (answer) => {
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(await answer.text());
    });
  });
  sandboxUrl = await listen(sandbox);
  gateway = createServer((req, res) => {
    const first = ++gatewayHits === 1;
    // Forwarded with the Host the client signed for, as a transparent proxy does.
    void handleBuyOptions(toRequest(req, gatewayUrl)).then(async (answer) => {
      res.writeHead(first ? 503 : answer.status, { "content-type": "application/json" });
      res.end(first ? JSON.stringify({ code: 14, message: "unavailable" }) : await answer.text());
    });
  });
  gatewayUrl = await listen(gateway);
});

after(async () => {
  for (const server of [sandbox, gateway]) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

async function get(jwt: string): Promise<Response> {
  return fetch(`${sandboxUrl}${PATH}${QUERY}`, { headers: { authorization: `Bearer ${jwt}` } });
}

describe("sandbox CDP auth: a JWT is good for one request", () => {
  test("the same JWT sent twice: the first is served, the replay is refused 401", async () => {
    const jwt = await signCdpJwt(await getCdpJwtKey(), "GET", `${sandboxUrl}${PATH}`);
    assert.equal((await get(jwt)).status, 200);
    const replay = await get(jwt);
    assert.equal(replay.status, 401);
    assert.deepEqual(await replay.json(), { code: 16, message: "Unauthorized", details: [] });
  });

  test("a JWT for this app's host (APP_URL) passes behind a proxy that rewrites Host; another host's does not", async () => {
    // Signed for APP_URL (http://localhost:3000 unset), sent to the sandbox's own address.
    const appHost = `http://localhost:3000${PATH}`;
    assert.equal((await get(await signCdpJwt(await getCdpJwtKey(), "GET", appHost))).status, 200);
    const elsewhere = `http://other.example${PATH}`;
    const refused = await get(await signCdpJwt(await getCdpJwtKey(), "GET", elsewhere));
    assert.equal(refused.status, 401);
  });

  test("a JWT without a nonce header is refused 401", async () => {
    const key = getCdpSigningKey();
    const now = Math.floor(Date.now() / 1000);
    const jwt = await new SignJWT({ uris: [`GET ${new URL(sandboxUrl).host}${PATH}`] })
      .setProtectedHeader({ alg: key.algorithm, kid: key.keyId, typ: "JWT" })
      .setIssuer("cdp")
      .setSubject(key.keyId)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 120)
      .sign(key.privateKey);
    assert.equal((await get(jwt)).status, 401);
  });

  test("our client's retry, after the sandbox saw the first attempt, is accepted", async () => {
    const options = { baseUrl: gatewayUrl, key: await getCdpJwtKey(), timeoutMs: 3000 };
    const answer = (await cdpRequest(options, "GET", `${PATH}${QUERY}`)) as {
      payment_currencies?: unknown;
    };
    assert.equal(gatewayHits, 2);
    assert.ok(answer.payment_currencies, JSON.stringify(answer).slice(0, 200));
  });
});
