import Redis from "ioredis";
import type { SharedStore } from "./shared-store";

// INCR and the first PEXPIRE in one step, so a crash between them cannot leave a
// counter that never resets.
const INCREMENT = `
local count = redis.call("INCR", KEYS[1])
if count == 1 then redis.call("PEXPIRE", KEYS[1], ARGV[1]) end
local ttl = redis.call("PTTL", KEYS[1])
if ttl < 0 then redis.call("PEXPIRE", KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { count, ttl }`;

/** The store for several instances: every key lives in one Redis, with Redis's own expiry. */
export class RedisStore implements SharedStore {
  private client: Redis;

  constructor(
    url: string,
    private prefix = "cbref:",
  ) {
    // Fail fast rather than queue requests behind a Redis that is down.
    this.client = new Redis(url, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      connectTimeout: 2000,
      lazyConnect: false,
    });
    this.client.on("error", () => {
      // ioredis reconnects by itself; each failed command rejects and is handled by its caller.
    });
  }

  async increment(key: string, windowMs: number) {
    const [count, ttl] = (await this.client.eval(
      INCREMENT,
      1,
      this.prefix + key,
      String(windowMs),
    )) as [number, number];
    return { count: Number(count), resetInMs: Number(ttl) };
  }

  async setIfAbsent(key: string, value: string, ttlMs: number) {
    return (await this.client.set(this.prefix + key, value, "PX", ttlMs, "NX")) === "OK";
  }

  async get(key: string) {
    return this.client.get(this.prefix + key);
  }

  async set(key: string, value: string, ttlMs: number) {
    await this.client.set(this.prefix + key, value, "PX", ttlMs);
  }

  async delete(key: string) {
    await this.client.del(this.prefix + key);
  }

  async close() {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
