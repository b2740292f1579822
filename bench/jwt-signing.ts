// JWT signing in process, with the app's own modules. Run by bench/run.mjs as
// `node --conditions=react-server --import tsx bench/jwt-signing.ts`; prints one JSON line.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { jwtVerify } from "jose";
import { parseCdpApiKey, type CdpSigningKey } from "../lib/cdp/api-key";
import { signCdpJwt } from "../lib/cdp/jwt";

const URL_ = "https://api.developer.coinbase.com/onramp/v1/token";
const SECONDS = Number(process.env.BENCH_JWT_SECONDS ?? 1);

/** The secret forms CDP issues: SEC1 PEM for P-256, base64 seed+public for Ed25519. */
function cdpSecret(kind: "ec" | "ed25519"): string {
  if (kind === "ec") {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    return privateKey.export({ format: "pem", type: "sec1" }).toString();
  }
  const jwk = generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" });
  return Buffer.concat([
    Buffer.from(jwk.d!, "base64url"),
    Buffer.from(jwk.x!, "base64url"),
  ]).toString("base64");
}

/** Signatures per second, one after another: signing is synchronous, as on the request path. */
function rate(seconds: number, op: () => string): number {
  let done = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) op();
    done += 100;
  }
  return done / ((performance.now() - started) / 1000);
}

async function measure(kind: "ec" | "ed25519") {
  const secret = cdpSecret(kind);
  const keyId = `organizations/bench/apiKeys/${randomUUID()}`;
  let parses = 0;
  const parseStart = performance.now();
  while (performance.now() - parseStart < 300) {
    parseCdpApiKey(keyId, secret);
    parses++;
  }
  const parseUs = ((performance.now() - parseStart) * 1000) / parses;
  const key: CdpSigningKey = parseCdpApiKey(keyId, secret);
  const sign = () => signCdpJwt(key, "POST", URL_);
  await jwtVerify(sign(), key.publicKey, { algorithms: [key.algorithm] }); // sanity, and warm-up
  rate(0.3, sign);
  return {
    algorithm: key.algorithm,
    signaturesPerSecond: Math.round(rate(SECONDS, sign)),
    parseMicroseconds: Math.round(parseUs),
  };
}

async function main() {
  const results = { ec: await measure("ec"), ed25519: await measure("ed25519") };
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
