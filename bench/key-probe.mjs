// Preloaded into the benchmarked server only (NODE_OPTIONS=--import), never shipped:
// counts every call that parses or imports a key, so the benchmark can show that none
// happens while requests are served. Production code exposes nothing for this.
import crypto from "node:crypto";
import { writeFileSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { threadId } from "node:worker_threads";

// A preload runs in every process and thread the server starts, if any: one file each.
const base = process.env.BENCH_KEY_PROBE_FILE;
const file = base && `${base}.${process.pid}-${threadId}`;
const counts = {};
const recent = []; // the last few calls, with where they came from
let pending = false;

// Postgres's SCRAM sign-in imports an HMAC key for each new database connection: counted
// apart, as connections opened (bounded by the pool's size), not as key work per request.
const databaseSignIns = {};
const SCRAM = /node_modules\/pg\/lib\/crypto\//;

function record(name) {
  const frames = new Error().stack
    .split("\n")
    .slice(3, 15)
    .map((l) => l.trim());
  if (frames.some((frame) => SCRAM.test(frame))) {
    databaseSignIns[name] = (databaseSignIns[name] ?? 0) + 1;
  } else {
    counts[name] = (counts[name] ?? 0) + 1;
    recent.push({ name, count: counts[name], frames });
    if (recent.length > 4) recent.shift();
  }
  if (file && !pending) {
    pending = true;
    setTimeout(flush, 20).unref();
  }
}

function flush() {
  pending = false;
  writeFileSync(file, JSON.stringify({ pid: process.pid, counts, databaseSignIns, recent }));
}

function wrap(owner, name, label = name) {
  const original = owner[name];
  if (typeof original !== "function") return;
  owner[name] = function (...args) {
    record(label);
    return original.apply(this, args);
  };
}

// Key objects' own classes, found before anything is wrapped.
const pair = crypto.generateKeyPairSync("ed25519");
for (const name of [
  "createPrivateKey",
  "createPublicKey",
  "createSecretKey",
  "generateKeyPairSync",
  "generateKeyPair",
]) {
  wrap(crypto, name);
}
wrap(crypto.KeyObject, "from", "KeyObject.from");
for (const key of [pair.privateKey, pair.publicKey]) {
  wrap(Object.getPrototypeOf(key), "export", "KeyObject.export");
  wrap(Object.getPrototypeOf(key), "toCryptoKey", "KeyObject.toCryptoKey");
}
wrap(Object.getPrototypeOf(crypto.webcrypto.subtle), "importKey", "subtle.importKey");
wrap(Object.getPrototypeOf(crypto.webcrypto.subtle), "deriveKey", "subtle.deriveKey");
syncBuiltinESMExports();
if (file) flush();
