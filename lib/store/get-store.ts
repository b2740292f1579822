import "server-only";
import { getConfig } from "@/lib/config/env";
import { MemoryStore } from "./memory-store";
import { RedisStore } from "./redis-store";
import type { SharedStore } from "./shared-store";

const KEY = Symbol.for("coinbase-reference.shared-store");
type GlobalWithStore = typeof globalThis & { [KEY]?: SharedStore };

/** The process's store: Redis when REDIS_URL is set, else memory. One connection per process. */
export function getStore(): SharedStore {
  const g = globalThis as GlobalWithStore;
  if (!g[KEY]) {
    const { redisUrl } = getConfig();
    g[KEY] = redisUrl ? new RedisStore(redisUrl) : new MemoryStore();
  }
  return g[KEY];
}
