import { existsSync, readFileSync, statSync } from "node:fs";
import { isBuiltin } from "node:module";
import path from "node:path";
import ts from "typescript";
import { ROOT } from "./repo-files";

/**
 * The static import graph of our own files: imports, type-only imports, re-exports and
 * dynamic import() alike, read without compiling anything.
 */
const SOURCE = /\.(ts|tsx)$/;

/** A path from the repository's root, with forward slashes. */
export const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");
const isFile = (file: string) => existsSync(file) && statSync(file).isFile();

/** Every module specifier `file` names, as written. */
function specifiersOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return importedFiles.map((ref) => ref.fileName);
}

/** The file an import specifier names, or null for a package; throws when a local path resolves to nothing. */
export function resolveImport(specifier: string, from: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  const candidates = [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, "index.ts"),
    path.join(base, "index.tsx"),
  ];
  const found = candidates.find(isFile);
  if (!found) throw new Error(`${rel(from)}: cannot resolve "${specifier}"`);
  return found;
}

export function importsOf(file: string): string[] {
  return specifiersOf(file)
    .map((specifier) => resolveImport(specifier, file))
    .filter((f): f is string => f !== null);
}

/** The npm packages `file` imports, by package name (`@noble/hashes`, not `@noble/hashes/sha2.js`). */
export function packagesOf(file: string): string[] {
  return specifiersOf(file)
    .filter((s) => !s.startsWith("@/") && !s.startsWith(".") && !isBuiltin(s))
    .map((s) => s.split("/", s.startsWith("@") ? 2 : 1).join("/"));
}

/** Every file reachable from `roots`, each with the file that first imported it. */
export function reachable(roots: string[]): Map<string, string | null> {
  const parent = new Map<string, string | null>(roots.map((r) => [r, null]));
  const queue = [...roots];
  for (let file = queue.shift(); file; file = queue.shift()) {
    if (!SOURCE.test(file)) continue; // CSS and the like import nothing we follow
    for (const target of importsOf(file)) {
      if (parent.has(target)) continue;
      parent.set(target, file);
      queue.push(target);
    }
  }
  return parent;
}

/** How `file` was reached: `root → … → file`. */
export function chain(file: string, parent: Map<string, string | null>): string {
  const steps: string[] = [];
  for (let at: string | null | undefined = file; at; at = parent.get(at)) steps.unshift(rel(at));
  return steps.join(" → ");
}
