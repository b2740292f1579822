import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The files of the repository and its build that tests look into. */
export const ROOT = path.join(__dirname, "..", "..");
export const BUILD_DIR = path.join(ROOT, ".next");

export function filesUnder(dir: string): string[] {
  // Symlinks are skipped: in a build they point into node_modules (packages Next leaves
  // external, e.g. undici), which is not our output.
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.isFile() ? [full] : [];
  });
}

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** The URL the folder of `file` under `dir` serves below `base`, a value in each dynamic segment. */
function routePath(base: string, dir: string, file: string): string {
  const segments = path.relative(dir, path.dirname(file)).split(path.sep);
  return `${base}/${segments.map((s) => s.replace(/^\[.+\]$/, "test-value")).join("/")}`;
}

/** The HTTP methods a route.ts implements (a handler function, or a const of that name). */
function methodsOf(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const exported = [...source.matchAll(/^export (?:(?:async )?function|const) ([A-Z]+)\b/gm)];
  return HTTP_METHODS.filter((m) => exported.some((e) => e[1] === m));
}

export interface SandboxRoute {
  method: "GET" | "POST";
  /** With a query for pages, which read one. */
  path: string;
}

/** Every sandbox page and route handler, read from app/sandbox, with the method it implements. */
export function sandboxRoutes(): SandboxRoute[] {
  const dir = path.join(ROOT, "app", "sandbox");
  return filesUnder(dir).flatMap((file): SandboxRoute[] => {
    const route = routePath("/sandbox", dir, file);
    if (file.endsWith("page.tsx")) return [{ method: "GET", path: `${route}?sessionToken=x` }];
    if (!file.endsWith("route.ts")) return [];
    return methodsOf(file)
      .filter((method) => method === "GET" || method === "POST")
      .map((method) => ({ method, path: route }));
  });
}

export interface AppRoute {
  /** With a value in each dynamic segment. */
  path: string;
  /** The methods its route.ts implements. */
  takes: string[];
}

/**
 * Every route handler of the app outside the sandbox (whose routes answer as Coinbase's
 * hosts do) and the /api catch-all, read from app/, with the methods it implements.
 */
export function appRoutes(): AppRoute[] {
  const dir = path.join(ROOT, "app");
  return filesUnder(dir)
    .filter((file) => file.endsWith(`${path.sep}route.ts`))
    .filter((file) => {
      const segments = path.relative(dir, file).split(path.sep);
      return segments[0] !== "sandbox" && !segments.some((s) => s.includes("..."));
    })
    .map((file) => ({ path: routePath("", dir, file), takes: methodsOf(file) }));
}
