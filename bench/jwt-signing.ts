// JWT signing in process, with the app's own modules. Run by bench/run.mjs as
// `node --conditions=react-server --import tsx bench/jwt-signing.ts`; prints one JSON line.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { importJWK, jwtVerify } from "jose";
import { parseCdpApiKey } from "../lib/cdp/api-key";
import { signCdpJwt, type CdpJwtKey } from "../lib/cdp/jwt";

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

/** Signatures per second, each awaited before the next, as a request does. */
async function rate(seconds: number, op: () => Promise<string>): Promise<number> {
  let done = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) await op();
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
  // The key as lib/cdp/signing-key.ts holds it: parsed, then imported once for jose.
  const parsed = parseCdpApiKey(keyId, secret);
  const key: CdpJwtKey = {
    keyId: parsed.keyId,
    algorithm: parsed.algorithm,
    privateKey: (await importJWK(
      parsed.privateKey.export({ format: "jwk" }),
      parsed.algorithm,
    )) as CryptoKey,
  };
  const sign = () => signCdpJwt(key, "POST", URL_);
  await jwtVerify(await sign(), parsed.publicKey, { algorithms: [key.algorithm] }); // sanity
  await rate(0.3, sign); // warm-up
  return {
    algorithm: key.algorithm,
    signaturesPerSecond: Math.round(await rate(SECONDS, sign)),
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
