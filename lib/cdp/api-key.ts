import "server-only";
import { createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { ACCEPTED_FORMS, ACCEPTED_IDS, CdpKeyError, unreadable } from "./key-errors";
import { readSecret, unwrap } from "./key-secret-forms";

export { CdpKeyError };

/**
 * Reads a CDP Secret API key (id + secret) into Node `KeyObject`s, once, at start-up.
 *
 * Secret forms accepted (each may be wrapped in quotes and/or whitespace):
 *  - base64 of 64 bytes: Ed25519 seed (32) followed by its public key (32);
 *  - PEM "BEGIN EC PRIVATE KEY" (SEC1, P-256);
 *  - PEM "BEGIN PRIVATE KEY" (PKCS#8, P-256 or Ed25519);
 *  - either PEM with newlines as literal `\n` (from .env files) or `\r\n`;
 *  - the downloaded JSON key file `{"id"|"name": "...", "privateKey": "..."}`.
 *
 * Errors never contain any part of the secret (see key-errors.ts).
 */

export type CdpAlgorithm = "ES256" | "EdDSA";

export interface CdpSigningKey {
  keyId: string;
  algorithm: CdpAlgorithm;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function algorithmOf(key: KeyObject): CdpAlgorithm {
  const type = key.asymmetricKeyType;
  if (type === "ed25519") return "EdDSA";
  if (type === "ec") {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === "prime256v1") return "ES256";
    const names: Record<string, string> = {
      secp256k1: "secp256k1",
      secp384r1: "P-384 (secp384r1)",
      secp521r1: "P-521 (secp521r1)",
      secp224r1: "P-224 (secp224r1)",
    };
    const name = curve ? (names[curve] ?? curve) : "an unknown curve";
    throw new CdpKeyError(
      `CDP_API_KEY_SECRET holds an EC key on curve ${name}, which is not supported: CDP EC keys use P-256 (prime256v1). ${ACCEPTED_FORMS}`,
    );
  }
  const typeNames: Record<string, string> = {
    rsa: "RSA",
    "rsa-pss": "RSA-PSS",
    dsa: "DSA",
    dh: "Diffie-Hellman",
    ed448: "Ed448",
    x25519: "X25519",
    x448: "X448",
  };
  const name = type ? (typeNames[type] ?? type) : "unknown-type";
  throw new CdpKeyError(
    `CDP_API_KEY_SECRET holds a private key of type ${name}, which is not supported (CDP keys are ECDSA P-256 or Ed25519). ${ACCEPTED_FORMS}`,
  );
}

/** Parses once; call at start-up, never per request. Throws CdpKeyError on anything unreadable. */
export function parseCdpApiKey(keyId: string, secret: string): CdpSigningKey {
  if (typeof secret !== "string") throw unreadable("it is not a string");
  const { key: privateKey, fileId } = readSecret(secret, true);
  const algorithm = algorithmOf(privateKey);

  const given = unwrap(typeof keyId === "string" ? keyId : "");
  // The old key's id left beside a new key file: every call would be refused as unsigned.
  if (given && fileId && keyName(given) !== keyName(fileId)) {
    throw new CdpKeyError(
      "CDP_API_KEY_ID names another key than the JSON key file in CDP_API_KEY_SECRET: set the id of that key, or leave CDP_API_KEY_ID empty (the file names its id).",
    );
  }
  const id = given || fileId || "";
  if (!id) {
    throw new CdpKeyError(
      `CDP_API_KEY_ID is empty and the secret is not a JSON key file with an id. ${ACCEPTED_IDS}`,
    );
  }
  // Printable ASCII without spaces: catches a secret pasted into the id variable,
  // without echoing it.
  if (!/^[\x21-\x7e]{1,256}$/.test(id)) {
    throw new CdpKeyError(
      `CDP_API_KEY_ID is not a CDP key id (it must be printable text without spaces). ${ACCEPTED_IDS}`,
    );
  }
  return { keyId: id, algorithm, privateKey, publicKey: createPublicKey(privateKey) };
}

/** A key's own id, whether written alone or as `organizations/<org>/apiKeys/<id>`. */
const keyName = (id: string) => id.split("/").at(-1);

/** A fresh in-memory P-256 key for sandbox mode; the sandbox verifies with `publicKey`. */
export function generateSandboxKey(): CdpSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return {
    keyId: `organizations/sandbox/apiKeys/${randomUUID()}`,
    algorithm: "ES256",
    privateKey,
    publicKey,
  };
}
