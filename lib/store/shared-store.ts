/**
 * State that must hold across every instance of the app: the single-use guards of OAuth
 * and the phone links. Two implementations: in memory (one instance, no setup) and Redis
 * (`REDIS_URL`, several instances or serverless). Rate limits are not kept here: see
 * `lib/abuse/rate-limit.ts`.
 *
 * Every method either does what it says or throws the `store_unavailable` AppError, soon
 * (see `redis-connection.ts`): never another error, never a hang.
 */
export interface SharedStore {
  /** Sets `key` only when absent; true when this call set it. Atomic across instances. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}
