import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { LIVE_SPEC_NAMES } from "../support/e2e-servers";
import { ROOT } from "../support/repo-files";

/**
 * Browser tests run two at a time, except those of the live server, whose fault upstream, SMTP
 * sink and rate limits are shared: a spec that uses it and runs beside another would change
 * the other's upstream under it.
 */
const E2E_DIR = path.join(ROOT, "tests", "e2e");
const specs = readdirSync(E2E_DIR)
  .filter((name) => name.endsWith(".spec.ts"))
  .map((name) => name.replace(/\.spec\.ts$/, ""));
const USES_LIVE_SERVER = /\bLIVE_URL\b|\bPORTS\.live\b|\bsetFault\(|\bSMTP_SINK_FILE\b/;

test("every spec that uses the live server runs with the live ones, one at a time", () => {
  const usingLive = specs.filter((name) =>
    USES_LIVE_SERVER.test(readFileSync(path.join(E2E_DIR, `${name}.spec.ts`), "utf8")),
  );
  assert.ok(usingLive.length > 0);
  assert.deepEqual(
    usingLive.filter((name) => !LIVE_SPEC_NAMES.includes(name)),
    [],
    "specs using the live server but run beside others: add them to LIVE_SPEC_NAMES",
  );
});

test("every name in the live list is a spec", () => {
  assert.deepEqual(
    LIVE_SPEC_NAMES.filter((name) => !specs.includes(name)),
    [],
  );
});
