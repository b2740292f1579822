import type Redis from "ioredis";
import type { SharedStore } from "./shared-store";
import { untilFirstConnection } from "./redis-connection";
import { storeUnavailable } from "./store-unavailable";

/** The store for several instances: every key lives in one Redis, with Redis's own expiry. */
export class RedisStore implements SharedStore {
  constructor(
    private client: Redis,
    private prefix = "cbref:",
  ) {}

  async setIfAbsent(key: string, value: string, ttlMs: number) {
    const reply = await this.run(() =>
      this.client.set(this.prefix + key, value, "PX", ttlMs, "NX"),
    );
    return reply === "OK";
  }

  async get(key: string) {
    return this.run(() => this.client.get(this.prefix + key));
  }

  async set(key: string, value: string, ttlMs: number) {
    await this.run(() => this.client.set(this.prefix + key, value, "PX", ttlMs));
  }

  async delete(key: string) {
    await this.run(() => this.client.del(this.prefix + key));
  }

  /** Closes the connection, which the rate limiters share: for tests and shutdown only. */
  async close() {
    await this.client.quit().catch(() => this.client.disconnect());
  }

  // Every command goes through here, so callers see one error whatever went wrong:
  // refused, timed out, or given up after a reconnect (the connection logs the outage).
  private async run<T>(command: () => Promise<T>): Promise<T> {
    try {
      await untilFirstConnection(this.client);
      return await command();
    } catch {
      throw storeUnavailable();
    }
  }
}
