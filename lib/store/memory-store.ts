import type { SharedStore } from "./shared-store";

interface Entry {
  value: string;
  expiresAt: number;
}

/** The default store: a map with expiry, for a single instance. */
export class MemoryStore implements SharedStore {
  private entries = new Map<string, Entry>();
  private lastSweep = 0;

  constructor(private now: () => number = Date.now) {}

  async setIfAbsent(key: string, value: string, ttlMs: number) {
    if (this.live(key)) return false;
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    return true;
  }

  async get(key: string) {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs: number) {
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
  }

  async delete(key: string) {
    this.entries.delete(key);
  }

  async close() {
    this.entries.clear();
  }

  private live(key: string): Entry | undefined {
    this.sweep();
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  // Bounded memory: drop expired entries at most once a second.
  private sweep() {
    const now = this.now();
    if (now - this.lastSweep < 1000) return;
    this.lastSweep = now;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
