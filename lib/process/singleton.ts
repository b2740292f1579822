/**
 * State that every bundle in this process shares. Next.js builds each route into its own
 * bundle, so a plain module-level `const` exists once per route: a cache, a connection pool
 * or a store made that way would be made again, and disagree, in every route. Kept by name
 * in one Map on `globalThis`, it is made once per process.
 *
 * What is shared this way must not be recognised by `instanceof` of our own classes (each
 * bundle has its own copy of the class): see `isAppError`.
 */
const REGISTRY = Symbol.for("coinbase-reference.singletons");

function registry(): Map<string, unknown> {
  const g = globalThis as { [REGISTRY]?: Map<string, unknown> };
  return (g[REGISTRY] ??= new Map());
}

export function processSingleton<T>(name: string, create: () => T): T {
  const made = registry();
  if (!made.has(name)) made.set(name, create());
  return made.get(name) as T;
}

/** Forgets a singleton, so the next `processSingleton` call makes it again (tests, shutdown). */
export function dropProcessSingleton(name: string): void {
  registry().delete(name);
}
