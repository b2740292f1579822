// The least a mint can cost in Next.js, measured beside the app's mints: read the JSON body,
// sign a fresh CDP JWT with jose (the key imported once), make one call over a keep-alive
// pool, answer its JSON. No checks, no caller, no log line, no ledger row: what is left of a
// mint when everything the app adds is taken away. See docs/performance.md.
import { randomBytes } from "node:crypto";
import { SignJWT, importPKCS8 } from "jose";
import { Agent, request } from "undici";

const TOKEN_PATH = "/onramp/v1/token";
const pool = new Agent({ keepAliveTimeout: 4000, keepAliveMaxTimeout: 4000 });
let key; // imported at the first request, not while `next build` loads this module

export async function POST(incoming) {
  const body = await incoming.json();
  const url = `${process.env.FLOOR_CDP_API_BASE_URL}${TOKEN_PATH}`;
  key ??= importPKCS8(process.env.FLOOR_CDP_KEY_PEM, "ES256");
  const now = Math.floor(Date.now() / 1000);
  const jwt = await new SignJWT({ uris: [`POST ${new URL(url).host}${TOKEN_PATH}`] })
    .setProtectedHeader({
      alg: "ES256",
      kid: "floor",
      typ: "JWT",
      nonce: randomBytes(16).toString("hex"),
    })
    .setIssuer("cdp")
    .setSubject("floor")
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + 120)
    .sign(await key);
  const answer = await request(url, {
    dispatcher: pool,
    method: "POST",
    headers: { authorization: `Bearer ${jwt}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return Response.json(await answer.body.json());
}
