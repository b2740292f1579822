/**
 * A small per-process cache: answers are kept for `ttlMs`, and concurrent misses for the
 * same key share one load (one upstream call per key at a time, not one per visitor).
 * Failed loads are not kept, so the next caller tries again.
 */
export interface TtlCache<T> {
  get(key: string): Promise<T>;
}

export function createTtlCache<T>(options: {
  ttlMs: number;
  load: (key: string) => Promise<T>;
  now?: () => number;
  maxEntries?: number;
}): TtlCache<T> {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 500;
  const entries = new Map<string, { value: Promise<T>; storedAt: number }>();
  return {
    get(key) {
      const hit = entries.get(key);
      if (hit && now() - hit.storedAt < options.ttlMs) return hit.value;
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      const value = options.load(key);
      entries.set(key, { value, storedAt: now() });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
  };
}
