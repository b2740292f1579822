import "server-only";
import { getConfig } from "@/lib/config/env";
import { processSingleton } from "@/lib/process/singleton";
import { MemoryStore } from "./memory-store";
import { RedisStore } from "./redis-store";
import type { SharedStore } from "./shared-store";

/** The process's store: Redis when REDIS_URL is set, else memory. One connection per process. */
export function getStore(): SharedStore {
  return processSingleton("shared-store", () => {
    const { redisUrl } = getConfig();
    return redisUrl ? new RedisStore(redisUrl) : new MemoryStore();
  });
}
