import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The TEST-ONLY secrets (tests/fixtures/test-secrets.json): the live e2e server runs with
 * them and `next build` sees them, so the tests can look for them where they must never be.
 */
export interface TestSecrets {
  CDP_API_KEY_ID: string;
  CDP_API_KEY_SECRET: string;
  COINBASE_OAUTH_CLIENT_ID: string;
  COINBASE_OAUTH_CLIENT_SECRET: string;
  SESSION_SECRET: string;
  CDP_WEBHOOK_SECRET: string;
  /** One partner-server key (API_KEYS takes a comma-separated list). */
  API_KEYS: string;
}

const file = path.join(__dirname, "..", "fixtures", "test-secrets.json");
const { _comment, ...secrets } = JSON.parse(readFileSync(file, "utf8")) as TestSecrets & {
  _comment: string;
};
export const TEST_SECRETS: TestSecrets = secrets;

/** The PEM's base64 body on one line, and a 40-character slice of the private scalar. */
const pemBody = TEST_SECRETS.CDP_API_KEY_SECRET.replace(/-----[A-Z ]+-----/g, "").replace(
  /\s+/g,
  "",
);
// The first bytes of every SEC1 P-256 key are the same ASN.1 header: skip them.
const pemSlice = pemBody.slice(12, 52);

/** What must never appear in a bundle, a page, a response or a log, by name. */
export const SECRET_NEEDLES: ReadonlyArray<{ name: string; value: string }> = [
  { name: "CDP_API_KEY_SECRET (whole)", value: TEST_SECRETS.CDP_API_KEY_SECRET },
  {
    name: "CDP_API_KEY_SECRET (whole, \\n-escaped)",
    value: JSON.stringify(TEST_SECRETS.CDP_API_KEY_SECRET).slice(1, -1),
  },
  { name: "CDP_API_KEY_SECRET (40-char slice of the key body)", value: pemSlice },
  { name: "COINBASE_OAUTH_CLIENT_SECRET", value: TEST_SECRETS.COINBASE_OAUTH_CLIENT_SECRET },
  { name: "SESSION_SECRET", value: TEST_SECRETS.SESSION_SECRET },
  { name: "CDP_WEBHOOK_SECRET", value: TEST_SECRETS.CDP_WEBHOOK_SECRET },
  { name: "API_KEYS (a partner-server key)", value: TEST_SECRETS.API_KEYS },
];

/** Names of the secrets found in `text`; empty when it is clean. */
export function secretsIn(text: string): string[] {
  return SECRET_NEEDLES.filter((n) => text.includes(n.value)).map((n) => n.name);
}
