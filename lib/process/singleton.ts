/**
 * State that every bundle in this process shares. Next.js builds each route into its own
 * bundle, so a plain module-level `const` exists once per route: a cache, a connection pool
 * or a store made that way would be made again, and disagree, in every route. Keyed by
 * name on `globalThis`, it is made once per process.
 *
 * What is shared this way must not be recognised by `instanceof` of our own classes (each
 * bundle has its own copy of the class): see `isAppError`.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`coinbase-reference.${name}`);
  const g = globalThis as Record<symbol, unknown>;
  if (!(key in g)) g[key] = create();
  return g[key] as T;
}

/** Forgets a singleton, so the next `processSingleton` call makes it again (tests, shutdown). */
export function dropProcessSingleton(name: string): void {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for(`coinbase-reference.${name}`)];
}
