import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { chain, importsOf, reachable, rel, resolveImport } from "../support/import-graph";
import { ROOT } from "../support/repo-files";

/**
 * Live code never imports the sandbox: the stand-in Coinbase must not be reachable, even
 * by accident, from a route, page, component or module that runs in live mode. Walks the
 * static import graph (type-only imports included, dynamic import() too) from every
 * non-sandbox entry point.
 */
const SANDBOX_DIRS = ["lib/sandbox/", "app/sandbox/", "components/sandbox/"];
const SOURCE = /\.(ts|tsx)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(ROOT, dir, entry.name);
    return entry.isDirectory() ? filesUnder(rel(full)) : [full];
  });
}

/** Each `file → component` import among `files`, by `@/components/…` or a relative path. */
function uiImports(files: string[]): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .filter((target) => rel(target).startsWith("components/"))
      .map((target) => `${rel(file)} → ${rel(target)}`),
  );
}

const inSandbox = (file: string) => SANDBOX_DIRS.some((dir) => rel(file).startsWith(dir));

const liveRoots = [
  ...filesUnder("app").filter((f) => !rel(f).startsWith("app/sandbox/")),
  path.join(ROOT, "proxy.ts"),
  path.join(ROOT, "instrumentation.ts"),
  ...filesUnder("lib"),
  ...filesUnder("components"),
].filter((f) => SOURCE.test(f) && !rel(f).split("/").includes("sandbox"));

describe("import graph", () => {
  test("the live entry points are found", () => {
    const names = liveRoots.map(rel);
    for (const expected of [
      "app/api/onramp/route.ts",
      "app/(site)/layout.tsx",
      "proxy.ts",
      "instrumentation.ts",
      "lib/cdp/client.ts",
      "components/ramp/RampForm.tsx",
    ]) {
      assert.ok(names.includes(expected), `${expected} is not among the roots`);
    }
  });

  test("no live file reaches lib/sandbox, app/sandbox or components/sandbox", () => {
    const graph = reachable(liveRoots);
    assert.ok(graph.size > liveRoots.length / 2);
    const leaks = [...graph.keys()].filter(inSandbox).map((file) => chain(file, graph));
    assert.deepEqual(leaks, []);
  });

  test("the walker does find sandbox imports where they are (control)", () => {
    const graph = reachable([path.join(ROOT, "app/sandbox/cdp/onramp/v1/token/route.ts")]);
    const sandboxFiles = [...graph.keys()].map(rel).filter((f) => f.startsWith("lib/sandbox/"));
    assert.ok(
      sandboxFiles.includes("lib/sandbox/cdp/token-endpoint.ts"),
      `reached: ${[...graph.keys()].map(rel).join(", ")}`,
    );
    // And it follows `@/` through to live modules too.
    assert.ok([...graph.keys()].map(rel).includes("lib/config/env.ts"));
  });

  test("lib/ imports nothing from components/: pages and components pick the UI", () => {
    const libFiles = filesUnder("lib").filter((f) => SOURCE.test(f));
    assert.ok(libFiles.some((f) => rel(f) === "lib/ramp/schemas.ts"));
    assert.deepEqual(uiImports(libFiles), []);
    // Control: the check does see a page's component imports.
    assert.deepEqual(uiImports([path.join(ROOT, "app/sandbox/pay/deposit/page.tsx")]), [
      "app/sandbox/pay/deposit/page.tsx → components/sandbox/SandboxCheckout.tsx",
      "app/sandbox/pay/deposit/page.tsx → components/sandbox/pay/DepositPanel.tsx",
    ]);
  });

  test("the walker resolves @/ paths, relative paths and index files, and skips packages", () => {
    const from = path.join(ROOT, "lib/ramp/schemas.ts");
    assert.equal(rel(resolveImport("./catalog", from)!), "lib/ramp/catalog.ts");
    assert.equal(rel(resolveImport("@/lib/http/field-issues", from)!), "lib/http/field-issues.ts");
    assert.equal(resolveImport("zod", from), null);
    assert.throws(() => resolveImport("./no-such-module", from), /cannot resolve/);
  });
});
