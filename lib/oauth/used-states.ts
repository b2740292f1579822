import "server-only";

// States already seen by the callback, kept past the state cookie's 10-minute life.
const TTL_MS = 11 * 60 * 1000;
const KEY = Symbol.for("coinbase-reference.oauth-used-states");
const g = globalThis as typeof globalThis & { [KEY]?: Map<string, number> };
const used = (g[KEY] ??= new Map<string, number>());

/** True the first time a state is presented, false on every replay. */
export function consumeState(state: string, now = Date.now()): boolean {
  for (const [s, at] of used) if (now - at > TTL_MS) used.delete(s);
  if (used.has(state)) return false;
  used.set(state, now);
  return true;
}
