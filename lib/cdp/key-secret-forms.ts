import "server-only";
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { ACCEPTED_FORMS, CdpKeyError, unreadable } from "./key-errors";

/**
 * The forms a CDP secret arrives in (see api-key.ts), each read into a private
 * `KeyObject`, or refused with a message that says what was wrong but not what it held.
 */

/** Trims whitespace and one or more layers of matching surrounding quotes. */
export function unwrap(text: string): string {
  let s = text.trim();
  while (s.length >= 2) {
    const q = s[0];
    if ((q !== '"' && q !== "'") || s[s.length - 1] !== q) break;
    s = s.slice(1, -1).trim();
  }
  return s;
}

// PKCS#8 DER prefix for an Ed25519 private key: SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32) } }
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

const BASE64 =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

function fromBase64Ed25519(text: string): KeyObject {
  // Line breaks (real or literal "\n") may wrap long base64; other spaces mean it is not base64.
  const compact = text.replace(/\\r\\n|\\n|\\r|[\r\n]+/g, "");
  if (!BASE64.test(compact) && !BASE64URL.test(compact)) throw unreadable();
  const bytes = Buffer.from(
    compact,
    compact.includes("-") || compact.includes("_") ? "base64url" : "base64",
  );
  if (bytes.length !== 64) {
    throw unreadable(
      `it is base64 of ${bytes.length} bytes; a base64 Ed25519 key must be 64 bytes: the 32-byte seed followed by the 32-byte public key`,
    );
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({
      key: Buffer.concat([ED25519_PKCS8_PREFIX, bytes.subarray(0, 32)]),
      format: "der",
      type: "pkcs8",
    });
  } catch {
    throw unreadable("the Ed25519 seed could not be loaded");
  }
  const derivedX = createPublicKey(privateKey).export({ format: "jwk" }).x;
  if (derivedX !== bytes.subarray(32).toString("base64url")) {
    throw unreadable(
      "the last 32 bytes of the base64 Ed25519 key are not the public key of its first 32 bytes",
    );
  }
  return privateKey;
}

function fromPem(text: string): KeyObject {
  // Literal "\n" / "\r" sequences (from .env files) become real line breaks.
  const pem = text.replace(/\\r\\n|\\n|\\r/g, "\n");
  if (
    /-----BEGIN (?:ENCRYPTED PRIVATE KEY|[A-Z]+ PRIVATE KEY-----[\s\S]*Proc-Type: *4,ENCRYPTED)/.test(
      pem,
    )
  ) {
    throw unreadable("the PEM key is encrypted; export it without a passphrase");
  }
  if (/-----BEGIN (?:[A-Z0-9]+ )?PUBLIC KEY-----/.test(pem) && !/PRIVATE KEY-----/.test(pem)) {
    throw unreadable("it is a public key; CDP_API_KEY_SECRET must be the private key");
  }
  if (/-----BEGIN RSA PRIVATE KEY-----/.test(pem)) {
    throw new CdpKeyError(
      `CDP_API_KEY_SECRET holds an RSA private key, which is not supported (CDP keys are ECDSA P-256 or Ed25519). ${ACCEPTED_FORMS}`,
    );
  }
  const match = /-----BEGIN (EC PRIVATE KEY|PRIVATE KEY)-----([\s\S]*?)-----END \1-----/.exec(pem);
  if (!match) {
    throw unreadable(
      'no complete "BEGIN EC PRIVATE KEY" or "BEGIN PRIVATE KEY" block with its matching END line was found',
    );
  }
  const body = match[2]!.replace(/\s+/g, "");
  if (!body || !BASE64.test(body)) throw unreadable("the PEM body is not valid base64");
  try {
    return createPrivateKey({
      key: Buffer.from(body, "base64"),
      format: "der",
      type: match[1] === "EC PRIVATE KEY" ? "sec1" : "pkcs8",
    });
  } catch {
    // The underlying error is not echoed: it may carry key material.
    throw unreadable(`the PEM "${match[1]}" block is damaged or truncated`);
  }
}

interface KeyFile {
  id?: string;
  privateKey: string;
}

function fromJsonKeyFile(text: string): KeyFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw unreadable('it starts with "{" but is not valid JSON');
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw unreadable("the JSON is not an object");
  }
  const file = parsed as Record<string, unknown>;
  if (typeof file.privateKey !== "string" || !file.privateKey.trim()) {
    throw unreadable('the JSON key file has no "privateKey" string');
  }
  const id =
    typeof file.id === "string" ? file.id : typeof file.name === "string" ? file.name : undefined;
  return { id: id === undefined ? undefined : unwrap(id), privateKey: file.privateKey };
}

// A multi-line value (the key file as downloaded, a PEM) of which a .env loader kept the first
// line: unquoted, or in double quotes that the JSON's own quotes end.
const FIRST_LINE_ONLY = /^["']?(\{|-----BEGIN [A-Z ]+-----)$/;

export function readSecret(text: string, allowJson: boolean): { key: KeyObject; fileId?: string } {
  const s = unwrap(text);
  if (!s) throw unreadable("it is empty");
  if (FIRST_LINE_ONLY.test(s))
    throw unreadable(
      "only its first line arrived: in .env.local, wrap a value of several lines in single quotes, or put it on one line",
    );
  if (s.startsWith("{")) {
    if (!allowJson) throw unreadable('the JSON key file\'s "privateKey" is itself JSON');
    const file = fromJsonKeyFile(s);
    return { key: readSecret(file.privateKey, false).key, fileId: file.id };
  }
  if (s.includes("-----BEGIN")) return { key: fromPem(s) };
  return { key: fromBase64Ed25519(s) };
}
