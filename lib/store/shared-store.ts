/**
 * State that must hold across every instance of the app: rate-limit counters and the
 * single-use guards of OAuth. Two implementations: in memory (one instance, no setup)
 * and Redis (`REDIS_URL`, several instances or serverless).
 */
export interface SharedStore {
  /** Adds one to a counter that lives `windowMs` from its first hit. */
  increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /** Sets `key` only when absent; true when this call set it. Atomic across instances. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}
