import "server-only";
import type Redis from "ioredis";
import { getConfig } from "@/lib/config/env";
import { processSingleton } from "@/lib/process/singleton";
import { MemoryStore } from "./memory-store";
import { connectRedis } from "./redis-connection";
import { RedisStore } from "./redis-store";
import type { SharedStore } from "./shared-store";

/** The process's store: Redis when REDIS_URL is set, else memory. */
export function getStore(): SharedStore {
  return processSingleton("shared-store", () => {
    const redis = getRedisClient();
    return redis ? new RedisStore(redis) : new MemoryStore();
  });
}

/**
 * The process's one Redis connection when REDIS_URL is set, shared by the store and the
 * rate limiters; undefined without it.
 */
export function getRedisClient(): Redis | undefined {
  const { redisUrl } = getConfig();
  return redisUrl ? processSingleton("redis-client", () => connectRedis(redisUrl)) : undefined;
}
