import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { STATUS_BY_CODE } from "../../lib/http/app-error";
import { ROOT } from "../support/repo-files";

/** The README is the front door: what it promises about the code must be what the code does. */
const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");

describe("README", () => {
  test("stays a front door: at most 250 lines", () => {
    assert.ok(readme.split("\n").length <= 250, `README has ${readme.split("\n").length} lines`);
  });

  test("its error table lists every error code with the status the code answers", () => {
    const rows = [...readme.matchAll(/^\|\s*`([a-z_]+)`\s*\|\s*(\d{3})\s*\|/gm)];
    const documented = Object.fromEntries(rows.map(([, code, status]) => [code, Number(status)]));
    assert.deepEqual(documented, { ...STATUS_BY_CODE });
  });

  test("its map of the code names every lib/ folder and every app/ route folder", () => {
    const map = readme.slice(readme.indexOf("## Map of the code"));
    const folders = (dir: string) =>
      readdirSync(path.join(ROOT, dir), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name);
    for (const folder of folders("lib"))
      assert.match(map, new RegExp(`\\b${folder}/`), `lib/${folder}`);
    for (const route of folders("app/api")) assert.ok(map.includes(route), `app/api/${route}`);
    for (const folder of folders("app").filter((f) => !f.startsWith("(")))
      assert.ok(map.includes(`${folder}/`), `app/${folder}`);
  });

  test("the Node version it names is package.json's floor, and no installed package asks for more", () => {
    const floor = /^>=(\d+\.\d+\.\d+)$/.exec(packageJson.engines.node)?.[1];
    assert.ok(floor, `engines.node is not a plain floor: ${packageJson.engines.node}`);
    assert.match(readme, new RegExp(`Node ${floor.replaceAll(".", "\\.")} or later`));
    // npm ci warns (EBADENGINE) below a package's own floor: ours must not be lower.
    for (const [name, entry] of Object.entries(lock.packages)) {
      const wanted = /^>=\s*(\d+\.\d+\.\d+)$/.exec(entry.engines?.node?.trim() ?? "")?.[1];
      if (wanted)
        assert.ok(
          compareVersions(wanted, floor) <= 0,
          `${name} needs Node ${wanted}, above ${floor}`,
        );
    }
  });
});

const packageJson = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, { engines?: { node?: string } }>;
};

function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  for (let i = 0; i < 3; i++) if (x![i] !== y![i]) return x![i]! - y![i]!;
  return 0;
}
