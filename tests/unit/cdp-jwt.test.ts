import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from "node:crypto";
import { decodeProtectedHeader, jwtVerify } from "jose";
import {
  CdpKeyError,
  generateSandboxKey,
  parseCdpApiKey,
  type CdpAlgorithm,
} from "../../lib/cdp/api-key";
import { cdpUriClaim, signCdpJwt } from "../../lib/cdp/jwt";

const URL_ = "https://api.developer.coinbase.com/onramp/v1/token";
const URIS = ["POST api.developer.coinbase.com/onramp/v1/token"];
const KEY_ID = `organizations/${randomUUID()}/apiKeys/${randomUUID()}`;

interface BaseForm {
  name: string;
  secret: string;
  publicKey: KeyObject;
  alg: CdpAlgorithm;
}

function baseForms(): BaseForm[] {
  const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const ed = generateKeyPairSync("ed25519");
  const edJwk = ed.privateKey.export({ format: "jwk" });
  const seed = Buffer.from(edJwk.d!, "base64url");
  const pub = Buffer.from(edJwk.x!, "base64url");
  // The seed is also the last 32 bytes of the PKCS#8 DER.
  const der = ed.privateKey.export({ type: "pkcs8", format: "der" });
  assert.deepEqual(der.subarray(der.length - 32), seed);
  return [
    {
      name: "SEC1 PEM (P-256)",
      secret: ec.privateKey.export({ type: "sec1", format: "pem" }) as string,
      publicKey: ec.publicKey,
      alg: "ES256",
    },
    {
      name: "PKCS#8 PEM (P-256)",
      secret: ec.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
      publicKey: ec.publicKey,
      alg: "ES256",
    },
    {
      name: "PKCS#8 PEM (Ed25519)",
      secret: ed.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
      publicKey: ed.publicKey,
      alg: "EdDSA",
    },
    {
      name: "base64 64-byte Ed25519",
      secret: Buffer.concat([seed, pub]).toString("base64"),
      publicKey: ed.publicKey,
      alg: "EdDSA",
    },
  ];
}

const variants: {
  name: string;
  apply: (s: string) => string;
  keyId?: string;
  expectKeyId?: string;
}[] = [
  { name: "as is", apply: (s) => s },
  { name: 'literal "\\n"', apply: (s) => s.trim().replace(/\n/g, "\\n") },
  { name: "CRLF", apply: (s) => s.replace(/\n/g, "\r\n") },
  { name: "literal \\r\\n", apply: (s) => s.trim().replace(/\n/g, "\\r\\n") },
  { name: "double quotes", apply: (s) => `"${s}"` },
  { name: "single quotes", apply: (s) => `'${s}'` },
  { name: "whitespace", apply: (s) => `  \n\t${s}\n  ` },
  {
    name: 'quotes + whitespace + literal "\\n"',
    apply: (s) => ` "${s.trim().replace(/\n/g, "\\n")}"\n`,
  },
  {
    name: "JSON key file with id",
    apply: (s) => JSON.stringify({ id: KEY_ID, privateKey: s }, null, 2),
  },
  {
    name: "JSON key file with name",
    apply: (s) => JSON.stringify({ name: KEY_ID, privateKey: s }),
  },
  {
    name: "quoted JSON key file, privateKey with literal \\n",
    apply: (s) => `'${JSON.stringify({ id: KEY_ID, privateKey: s.trim().replace(/\n/g, "\\n") })}'`,
  },
  {
    name: "JSON key file, empty key id (file id used)",
    apply: (s) => JSON.stringify({ id: KEY_ID, privateKey: s }),
    keyId: "",
    expectKeyId: KEY_ID,
  },
  {
    name: "JSON key file naming the same key, written as its full name",
    apply: (s) =>
      JSON.stringify({
        name: `organizations/other-form/apiKeys/${KEY_ID.split("/").at(-1)}`,
        privateKey: s,
      }),
  },
];

async function signAndVerify(
  secret: string,
  publicKey: KeyObject,
  alg: CdpAlgorithm,
  keyId = KEY_ID,
  expectKeyId = keyId,
) {
  const key = parseCdpApiKey(keyId, secret);
  assert.equal(key.algorithm, alg);
  assert.equal(key.keyId, expectKeyId);
  const before = Math.floor(Date.now() / 1000);
  const jwt = await signCdpJwt(key, "POST", URL_);
  const after = Math.floor(Date.now() / 1000);
  const { payload, protectedHeader } = await jwtVerify(jwt, publicKey, {
    algorithms: [alg],
    issuer: "cdp",
    subject: expectKeyId,
  });
  assert.equal(protectedHeader.alg, alg);
  assert.equal(protectedHeader.kid, expectKeyId);
  assert.equal(protectedHeader.typ, "JWT");
  assert.match(String(protectedHeader.nonce), /^[0-9a-f]{32}$/);
  assert.equal(payload.iss, "cdp");
  assert.equal(payload.sub, expectKeyId);
  assert.ok(typeof payload.nbf === "number" && payload.nbf >= before && payload.nbf <= after);
  assert.equal(payload.iat, payload.nbf);
  assert.equal(payload.exp, payload.nbf + 120);
  assert.deepEqual(payload.uris, URIS);
  assert.deepEqual(Object.keys(payload).sort(), ["exp", "iat", "iss", "nbf", "sub", "uris"]);
  return jwt;
}

describe("parseCdpApiKey + signCdpJwt: accepted forms", () => {
  for (const form of baseForms()) {
    describe(form.name, () => {
      for (const v of variants) {
        test(v.name, async () => {
          await signAndVerify(
            v.apply(form.secret),
            form.publicKey,
            form.alg,
            v.keyId ?? KEY_ID,
            v.expectKeyId,
          );
        });
      }
    });
  }

  test("a UUID key id is accepted", async () => {
    const form = baseForms()[0]!;
    const id = randomUUID();
    await signAndVerify(form.secret, form.publicKey, form.alg, id);
  });
});

describe("signCdpJwt", () => {
  test("two JWTs have different nonces", async () => {
    const key = generateSandboxKey();
    const a = decodeProtectedHeader(await signCdpJwt(key, "POST", URL_));
    const b = decodeProtectedHeader(await signCdpJwt(key, "POST", URL_));
    assert.match(String(a.nonce), /^[0-9a-f]{32}$/);
    assert.notEqual(a.nonce, b.nonce);
  });

  test("uses the given time and upper-cases the method", async () => {
    const key = generateSandboxKey();
    const now = new Date("2030-01-02T03:04:05.987Z");
    const jwt = await signCdpJwt(
      key,
      "get",
      "https://api.developer.coinbase.com/onramp/v1/buy/config?x=1",
      now,
    );
    const { payload } = await jwtVerify(jwt, key.publicKey, {
      algorithms: ["ES256"],
      currentDate: new Date(now.getTime() + 1000),
    });
    const t = Math.floor(now.getTime() / 1000);
    assert.equal(payload.iat, t);
    assert.equal(payload.nbf, t);
    assert.equal(payload.exp, t + 120);
    assert.deepEqual(payload.uris, ["GET api.developer.coinbase.com/onramp/v1/buy/config"]);
  });

  test("cdpUriClaim: host with port, path, no scheme or query", () => {
    assert.equal(
      cdpUriClaim("post", "http://localhost:3000/sandbox/cdp/onramp/v1/token?x=1"),
      "POST localhost:3000/sandbox/cdp/onramp/v1/token",
    );
    assert.equal(cdpUriClaim("POST", URL_ + "#frag"), URIS[0]);
    assert.equal(
      cdpUriClaim("post", "https://api.developer.coinbase.com:443/onramp/v1/token"),
      URIS[0],
    );
  });
});

describe("generateSandboxKey", () => {
  test("produces a working ES256 key with a sandbox key id", async () => {
    const key = generateSandboxKey();
    assert.equal(key.algorithm, "ES256");
    assert.match(key.keyId, /^organizations\/sandbox\/apiKeys\/[0-9a-f-]{36}$/);
    assert.equal(key.privateKey.asymmetricKeyType, "ec");
    assert.equal(key.privateKey.asymmetricKeyDetails?.namedCurve, "prime256v1");
    const jwt = await signCdpJwt(key, "POST", URL_);
    const { payload, protectedHeader } = await jwtVerify(jwt, key.publicKey, {
      algorithms: ["ES256"],
    });
    assert.equal(protectedHeader.kid, key.keyId);
    assert.equal(payload.sub, key.keyId);
    assert.deepEqual(payload.uris, URIS);
    assert.notEqual(generateSandboxKey().keyId, key.keyId);
  });
});

describe("parseCdpApiKey: rejected forms", () => {
  const ACCEPTED = [
    "BEGIN EC PRIVATE KEY",
    "BEGIN PRIVATE KEY",
    "base64 Ed25519 key of 64 bytes",
    "JSON key file",
  ];

  /** A distinctive slice of a PEM's base64 body. */
  const bodySlice = (pem: string) => pem.split("\n").slice(1, -2).join("").slice(30, 50);

  const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const ecPem = ec.privateKey.export({ type: "sec1", format: "pem" }) as string;
  const rsaPkcs1 = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
    type: "pkcs1",
    format: "pem",
  }) as string;
  const rsaPkcs8 = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
    type: "pkcs8",
    format: "pem",
  }) as string;
  const k1 = generateKeyPairSync("ec", { namedCurve: "secp256k1" }).privateKey;
  const k1Sec1 = k1.export({ type: "sec1", format: "pem" }) as string;
  const k1Pkcs8 = k1.export({ type: "pkcs8", format: "pem" }) as string;
  const p384 = generateKeyPairSync("ec", { namedCurve: "P-384" }).privateKey.export({
    type: "pkcs8",
    format: "pem",
  }) as string;
  const b32 = randomBytes(32).toString("base64");
  const mismatched = Buffer.concat([randomBytes(32), randomBytes(32)]).toString("base64");
  const lines = ecPem.trim().split("\n");
  const truncated = lines.slice(0, 3).join("\n"); // no END line
  // END line present but body cut short
  const truncatedBody = [lines[0], lines[1], lines[lines.length - 1]].join("\n");

  const cases: { name: string; secret: string; secretPart?: string; mentions?: RegExp }[] = [
    {
      name: "garbage text",
      secret: "this is not a key XYZZY-garbage-secret",
      secretPart: "XYZZY-garbage",
    },
    { name: "truncated PEM (no END line)", secret: truncated, secretPart: bodySlice(ecPem) },
    { name: "truncated PEM body", secret: truncatedBody, secretPart: lines[1]!.slice(10, 30) },
    { name: "base64 of 32 bytes", secret: b32, secretPart: b32.slice(5, 25), mentions: /32 bytes/ },
    {
      name: "64 bytes whose public half does not match",
      secret: mismatched,
      secretPart: mismatched.slice(10, 30),
      mentions: /public key/,
    },
    {
      name: "RSA key (PKCS#1 PEM)",
      secret: rsaPkcs1,
      secretPart: bodySlice(rsaPkcs1),
      mentions: /RSA/,
    },
    {
      name: "RSA key (PKCS#8 PEM)",
      secret: rsaPkcs8,
      secretPart: bodySlice(rsaPkcs8),
      mentions: /RSA/,
    },
    {
      name: "secp256k1 key (SEC1 PEM)",
      secret: k1Sec1,
      secretPart: bodySlice(k1Sec1),
      mentions: /secp256k1/,
    },
    {
      name: "secp256k1 key (PKCS#8 PEM)",
      secret: k1Pkcs8,
      secretPart: bodySlice(k1Pkcs8),
      mentions: /secp256k1/,
    },
    { name: "P-384 key", secret: p384, secretPart: bodySlice(p384), mentions: /P-384/ },
    {
      name: "JSON without privateKey",
      secret: JSON.stringify({ id: KEY_ID, secretKey: "JSON-SECRET-VALUE-QWERTY" }),
      secretPart: "QWERTY",
      mentions: /privateKey/,
    },
    {
      name: "broken JSON",
      secret: '{"id": "x", "privateKey": "SECRET-BROKEN-JSON',
      secretPart: "BROKEN-JSON",
    },
    {
      name: "public key instead of private",
      secret: ec.publicKey.export({ type: "spki", format: "pem" }) as string,
      mentions: /public key/,
    },
    // What a .env loader keeps of a value of several lines not in single quotes.
    { name: "the key file's first line only", secret: "{", mentions: /only its first line/ },
    { name: "the key file's first line, quoted", secret: '"{', mentions: /single quotes/ },
    {
      name: "a PEM's first line only",
      secret: "-----BEGIN EC PRIVATE KEY-----",
      mentions: /only its first line/,
    },
    { name: "empty string", secret: "" },
    { name: "only quotes and whitespace", secret: ' "" ' },
    // The key file's path pasted in place of its content.
    {
      name: "the key file's path",
      secret: "/home/me/Downloads/cdp_api_key.json",
      mentions: /the downloaded JSON key file \(its content, not its path\)/,
    },
  ];

  for (const c of cases) {
    test(c.name, () => {
      assert.throws(
        () => parseCdpApiKey(KEY_ID, c.secret),
        (err: unknown) => {
          assert.ok(err instanceof CdpKeyError, `expected CdpKeyError, got ${String(err)}`);
          assert.equal(err.name, "CdpKeyError");
          for (const form of ACCEPTED)
            assert.ok(err.message.includes(form), `message lists "${form}"`);
          if (c.secretPart) {
            assert.ok(c.secretPart.length >= 6);
            assert.ok(!err.message.includes(c.secretPart), "message must not include the secret");
            assert.ok(
              !String(err.stack).includes(c.secretPart),
              "stack must not include the secret",
            );
          }
          if (c.mentions) assert.match(err.message, c.mentions);
          assert.equal(err.cause, undefined);
          return true;
        },
      );
    });
  }

  test("empty key id without a JSON key file", () => {
    assert.throws(
      () => parseCdpApiKey("  ", ecPem),
      (err: unknown) => {
        assert.ok(err instanceof CdpKeyError);
        assert.match(err.message, /CDP_API_KEY_ID/);
        assert.match(err.message, /organizations\/<org>\/apiKeys\/<key>/);
        return true;
      },
    );
  });

  test("a key file of another key than CDP_API_KEY_ID (the old id left after a new key): refused at start, naming both", () => {
    const file = JSON.stringify({ id: randomUUID(), privateKey: ecPem });
    assert.throws(
      () => parseCdpApiKey(KEY_ID, file),
      (err: unknown) => {
        assert.ok(err instanceof CdpKeyError);
        assert.match(
          err.message,
          /CDP_API_KEY_ID names another key than the JSON key file in CDP_API_KEY_SECRET/,
        );
        return true;
      },
    );
    // Empty, the file's own id is used.
    assert.doesNotThrow(() => parseCdpApiKey("", file));
  });

  test("secret pasted into the key id is rejected without echoing it", () => {
    assert.throws(
      () => parseCdpApiKey(ecPem, ecPem),
      (err: unknown) => {
        assert.ok(err instanceof CdpKeyError);
        assert.match(err.message, /CDP_API_KEY_ID/);
        assert.ok(!err.message.includes(bodySlice(ecPem)));
        return true;
      },
    );
  });

  test("a bad key id's advice points to the id in the downloaded key file", () => {
    // The id was set, and wrong: the advice says where the right one is, not to leave it empty.
    assert.throws(
      () => parseCdpApiKey("not an id", ecPem),
      (err: unknown) => {
        assert.ok(err instanceof CdpKeyError);
        assert.doesNotMatch(err.message, /leave it empty/);
        assert.match(err.message, /"id"/);
        return true;
      },
    );
  });
});
