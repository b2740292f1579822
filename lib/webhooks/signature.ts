import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Coinbase's webhook signature (webhook docs), as Hook0, which delivers them, writes it:
 * `X-Hook0-Signature: t=<unix seconds>,v0=<hex>,h=<header names, space-separated>,v1=<hex>`.
 * `v1` is HMAC-SHA256, under the subscription's secret, of
 * `<t>.<h>.<the named headers' values joined by ".">.<raw body>`. `v0`, Hook0's first scheme
 * (`<t>.<raw body>`), covers no header: it is never checked, so a delivery stripped of its `v1`
 * cannot pass with headers changed; the webhook docs name `v1`. A header named in `h` but absent is
 * refused, as hook0-client refuses it, not read as empty.
 * Checked on the raw bytes before anything parses them; compared in constant time; a `t`
 * more than five minutes from now is refused, so a captured delivery cannot be replayed later.
 * Any of `secrets` may have signed it (a new subscription's beside the old one's). What it
 * returns names the headers the signature covers: only those may be trusted.
 */
export const SIGNATURE_HEADER = "x-hook0-signature";
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type SignatureProblem = "missing" | "malformed" | "stale" | "mismatch";

export function verifyWebhookSignature(input: {
  headers: Headers;
  rawBody: Uint8Array;
  secrets: readonly string[];
  nowSeconds?: number;
}): { ok: true; signedHeaders: string[] } | { ok: false; problem: SignatureProblem } {
  const header = input.headers.get(SIGNATURE_HEADER);
  if (!header) return { ok: false, problem: "missing" };
  const parts = parseHeader(header);
  if (!parts) return { ok: false, problem: "malformed" };
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - parts.t) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, problem: "stale" };
  const values = parts.names.map((name) => input.headers.get(name));
  if (values.some((value) => value === null)) return { ok: false, problem: "mismatch" };
  const given = Buffer.from(parts.v1, "hex");
  const signedBy = (secret: string) => {
    const expected = hmac(secret, parts.t, parts.h, values as string[], input.rawBody);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  return input.secrets.some(signedBy)
    ? { ok: true, signedHeaders: parts.names }
    : { ok: false, problem: "mismatch" };
}

/** The header value for a delivery (the sandbox's sender, and tests). */
export function signWebhook(input: {
  secret: string;
  rawBody: Uint8Array | string;
  headers: Record<string, string>;
  names: string[];
  nowSeconds?: number;
}): string {
  const t = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  const h = input.names.join(" ");
  const body = typeof input.rawBody === "string" ? Buffer.from(input.rawBody) : input.rawBody;
  const values = input.names.map((name) => input.headers[name] ?? "");
  // v0 as well, as Hook0 writes it, though only v1 is checked here (a partner's code may read v0).
  const v0 = hmacV0(input.secret, t, body).toString("hex");
  return `t=${t},v0=${v0},h=${h},v1=${hmac(input.secret, t, h, values, body).toString("hex")}`;
}

function hmacV0(secret: string, t: number, body: Uint8Array): Buffer {
  return createHmac("sha256", secret).update(`${t}.`).update(body).digest();
}

function hmac(secret: string, t: number, h: string, values: string[], body: Uint8Array): Buffer {
  return createHmac("sha256", secret)
    .update(`${t}.${h}.${values.join(".")}.`)
    .update(body)
    .digest();
}

function parseHeader(header: string): { t: number; h: string; names: string[]; v1: string } | null {
  const fields = new Map<string, string>();
  for (const part of header.split(",")) {
    const at = part.indexOf("=");
    if (at <= 0) return null;
    fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const t = fields.get("t");
  const v1 = fields.get("v1");
  const h = fields.get("h") ?? "";
  if (!t || !/^\d{1,12}$/.test(t) || !v1 || !/^[0-9a-f]{64}$/i.test(v1)) return null;
  const names = h === "" ? [] : h.split(" ").map((n) => n.toLowerCase());
  // Any header name (an HTTP token, RFC 9110): a subscription's own headers may hold `_` or `.`.
  if (names.some((n) => !/^[!#$%&'*+.^`|~\w-]+$/.test(n))) return null;
  return { t: Number(t), h, names, v1 };
}
