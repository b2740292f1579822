import { test, describe } from "node:test";
import assert from "node:assert/strict";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { chain, packagesOf, reachable, rel } from "../support/import-graph";
import { filesUnder, ROOT } from "../support/repo-files";

/**
 * docs/copying.md tells partners, for a part of lib/, exactly which files it takes to compile
 * on its own. The lists are read from the doc itself, so the doc and this test cannot drift:
 * each list must be what the part's files import (no file missing, none listed that nothing
 * imports), name the packages they import, and compile alone in an empty project.
 */
const DOC = "docs/copying.md";
const doc = readFileSync(path.join(ROOT, DOC), "utf8");
const LIST_INTRO = "What it takes to compile";

interface CopyList {
  /** The section's heading. */
  part: string;
  /** The files the section is about, from the paths in its heading's parentheses. */
  entries: string[];
  /** The files of the fenced ```text block after LIST_INTRO: one path a line, then a remark. */
  files: string[];
  /** The backticked names of the "Packages:" paragraph after the block. */
  packages: string[];
}

/** `lib/cdp/` is every file in it; `lib/http/app-error.ts` is that file. */
function expand(listed: string): string[] {
  const full = path.join(ROOT, listed);
  if (listed.endsWith("/")) return filesUnder(full).map(rel);
  assert.ok(existsSync(full), `${DOC} lists ${listed}, which does not exist`);
  return [listed];
}

const backticked = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
const withoutRemarks = (text: string) => text.replace(/\([^)]*\)/g, "");

function copyLists(markdown: string): CopyList[] {
  return markdown
    .split(/^## /m)
    .filter((section) => section.includes(LIST_INTRO))
    .map(readList);
}

function readList(section: string): CopyList {
  const part = section.slice(0, section.indexOf("\n"));
  const where = `${DOC}, "${part}"`;
  const entries = backticked(/\(([^)]*)\)\s*$/.exec(part)?.[1] ?? "").flatMap(expand);
  assert.ok(entries.length > 0, `${where}: its heading names no path in parentheses`);
  const afterIntro = section.slice(section.indexOf(LIST_INTRO));
  const block = /^```text\n([\s\S]*?)^```$/m.exec(afterIntro);
  assert.ok(block, `${where}: no \`\`\`text block of files after "${LIST_INTRO}"`);
  const packages = afterIntro
    .slice(block.index)
    .split("\n\n")
    .find((paragraph) => paragraph.startsWith("Packages: "));
  assert.ok(packages, `${where}: no "Packages:" paragraph after its file list`);
  return {
    part,
    entries,
    files: block[1]!
      .split("\n")
      .filter((line) => line.trim() !== "")
      .flatMap((line) => expand(line.split(/\s+/)[0]!)),
    packages: backticked(withoutRemarks(packages)),
  };
}

/**
 * The errors of compiling `files` alone: copied into an empty folder with this project's
 * compiler options and `@/` path, its node_modules linked, through the compiler's API (what
 * `tsc --noEmit` does, without a process to start).
 */
function compileAlone(files: string[]): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), "copying-"));
  try {
    for (const file of files) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      copyFileSync(path.join(ROOT, file), path.join(dir, file));
    }
    symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    const project = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile).config;
    // Next's editor plugin and the incremental build file have no say in what compiles.
    const {
      plugins: _plugins,
      incremental: _incremental,
      ...compilerOptions
    } = project.compilerOptions;
    // Read as a tsconfig.json in `dir` would be: `@/` is `dir`.
    const config = ts.parseJsonConfigFileContent({ compilerOptions, files }, ts.sys, dir);
    const program = ts.createProgram(config.fileNames, config.options);
    return [...config.errors, ...ts.getPreEmitDiagnostics(program)].map((d) =>
      ts.formatDiagnostic(d, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => dir,
        getNewLine: () => "\n",
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lists = copyLists(doc);

describe(DOC, () => {
  test(`its "${LIST_INTRO}" lists are found, lib/cdp/'s among them`, () => {
    assert.equal(lists.length, doc.split(LIST_INTRO).length - 1);
    const cdp = lists.find((list) => list.part.includes("`lib/cdp/`"));
    assert.ok(cdp, `no list under a heading naming lib/cdp/: ${lists.map((l) => l.part)}`);
    assert.ok(cdp.entries.includes("lib/cdp/client.ts"));
    assert.ok(cdp.files.includes("lib/http/app-error.ts"));
    assert.ok(cdp.packages.includes("jose"));
  });

  for (const { part, entries, files, packages } of lists) {
    describe(part, () => {
      const graph = reachable(entries.map((file) => path.join(ROOT, file)));
      const needed = [...graph.keys()].map(rel);

      test("lists every file its files import, and none that nothing imports", () => {
        const missing = needed.filter((file) => !files.includes(file));
        const stale = files.filter((file) => !needed.includes(file));
        assert.deepEqual(
          { missing: missing.map((file) => chain(path.join(ROOT, file), graph)), stale },
          { missing: [], stale: [] },
        );
      });

      test("names the packages its files import", () => {
        const imported = new Set(needed.flatMap((file) => packagesOf(path.join(ROOT, file))));
        assert.deepEqual([...imported].sort(), [...packages].sort());
      });

      test("compiles alone with this project's options: copied into an empty project", () => {
        assert.deepEqual(compileAlone(files), []);
      });
    });
  }
});
