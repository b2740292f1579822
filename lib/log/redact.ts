// Field names whose values are never logged, whatever they hold.
const SECRET_KEYS =
  /token|secret|password|authorization|cookie|jwt|verifier|^code$|^state$|private|api[-_]?key|session/i;
// Values that look like credentials even under an innocent name.
const SECRET_VALUES = [
  /\beyJ[\w-]{10,}\.[\w-]{10,}/g,
  /Bearer\s+\S+/gi,
  /-----BEGIN [A-Z ]+-----[\s\S]*?(-----END [A-Z ]+-----|$)/g,
];

export const REDACTED = "[redacted]";

/** A copy of `value` with secret-bearing fields and credential-looking strings masked. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 5) return REDACTED;
  if (typeof value === "string")
    return SECRET_VALUES.reduce((s, re) => s.replace(re, REDACTED), value).slice(0, 500);
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEYS.test(k) ? REDACTED : redact(v, depth + 1),
      ]),
    );
  }
  return value;
}
