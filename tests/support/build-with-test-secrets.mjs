// `next build` with the TEST-ONLY secrets of tests/fixtures/test-secrets.json in its
// environment, so tests/e2e/secret-hygiene.spec.ts can prove that a build made with
// secrets does not embed them. The servers still get their mode from the environment
// playwright.config.ts gives each of them at start.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const { _comment, ...secrets } = JSON.parse(
  readFileSync(new URL("../fixtures/test-secrets.json", import.meta.url), "utf8"),
);
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

const child = spawn(process.execPath, [nextBin, "build", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, ...secrets },
});
child.on("exit", (code, signal) => {
  if (code === 0) {
    // Tells the hygiene test which build saw the secrets (a later plain `next build` does not count).
    const buildId = readFileSync(".next/BUILD_ID", "utf8").trim();
    writeFileSync(".next/built-with-test-secrets.json", `${JSON.stringify({ buildId })}\n`);
  }
  process.exit(code ?? (signal ? 1 : 0));
});
