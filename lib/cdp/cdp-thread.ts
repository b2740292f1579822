import "server-only";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/http/app-error";
import { upstreamError, upstreamTimeout } from "@/lib/http/upstream-errors";
import { currentRequestId, log } from "@/lib/log/logger";
import { toAppError, type CdpCall, type CdpReply } from "./cdp-thread-messages";
import { getCdpSigningKey } from "./signing-key";

/**
 * CDP calls on a worker thread of their own. Signing a request's JWT and speaking HTTP to
 * Coinbase are most of what a mint costs: on their own thread they leave the thread that
 * serves HTTP free for the next request, so one instance mints on two cores (see README,
 * Performance). What runs there is `cdpRequest` (client.ts), unchanged: that function is
 * the one to copy into a server of your own, with or without a thread.
 */

interface Pending {
  resolve: (body: unknown) => void;
  reject: (error: AppError) => void;
  /** Past the call's own deadline, which the thread enforces: a guard against a stuck thread. */
  giveUpAt: number;
}

interface CdpThread {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Calls made during this turn of the event loop, sent together at its end. */
  outbox: CdpCall[];
  nextId: number;
  sweeper: NodeJS.Timeout;
}

const GRACE_MS = 1_000;

// One thread per process, shared by every bundle Next builds.
const KEY = Symbol.for("coinbase-reference.cdp-thread");
const g = globalThis as typeof globalThis & { [KEY]?: CdpThread };

/** `cdpRequest` with the app's key, run on the CDP thread; failures arrive as the same AppErrors. */
export function cdpRequestOnThread(call: Omit<CdpCall, "id" | "requestId">): Promise<unknown> {
  const thread = (g[KEY] ??= startThread());
  const id = thread.nextId++;
  return new Promise((resolve, reject) => {
    thread.pending.set(id, {
      resolve,
      reject,
      giveUpAt: Date.now() + call.timeoutMs + GRACE_MS,
    });
    // Under load many calls start in one turn: one message carries them all, so the
    // threads wake each other once per turn, not once per call.
    if (thread.outbox.push({ ...call, id, requestId: currentRequestId() }) === 1)
      setImmediate(() => send(thread, thread.outbox.splice(0)));
  });
}

function send(thread: CdpThread, calls: CdpCall[]) {
  try {
    thread.worker.postMessage(calls);
  } catch (error) {
    // A body that cannot be copied (ours are plain JSON) fails the calls sent with it, not the process.
    log("error", "cdp_thread_send_failed", { error: (error as Error).name });
    for (const call of calls) settle(thread, call.id, upstreamError());
  }
}

function settle(thread: CdpThread, id: number, outcome: { body: unknown } | AppError) {
  const pending = thread.pending.get(id);
  if (!pending) return;
  thread.pending.delete(id);
  if (outcome instanceof AppError) pending.reject(outcome);
  else pending.resolve(outcome.body);
}

/** Stops the thread; calls still waiting fail as an unreachable upstream. The next call starts a new one. */
export async function stopCdpThread(): Promise<void> {
  await g[KEY]?.worker.terminate();
}

function startThread(): CdpThread {
  // The key parsed at start goes with the thread: nothing is parsed again there.
  const worker = new Worker(new URL("./cdp-worker.ts", import.meta.url), {
    workerData: { key: getCdpSigningKey() },
  });
  const thread: CdpThread = {
    worker,
    pending: new Map(),
    outbox: [],
    nextId: 1,
    // One timer for every call in flight, not one per call.
    sweeper: setInterval(() => giveUpOnLateCalls(thread), GRACE_MS),
  };
  thread.sweeper.unref();
  worker.unref(); // serving requests keeps the process alive, not this thread
  worker.on("message", (replies: CdpReply[]) => {
    for (const reply of replies) {
      if (reply.ok) settle(thread, reply.id, { body: reply.body });
      else settle(thread, reply.id, reply.error ? toAppError(reply.error) : upstreamError());
    }
  });
  worker.on("error", (error) => log("error", "cdp_thread_failed", { error: error.name }));
  worker.on("exit", () => {
    if (g[KEY] === thread) delete g[KEY];
    clearInterval(thread.sweeper);
    for (const pending of thread.pending.values()) pending.reject(upstreamError());
    thread.pending.clear();
  });
  return thread;
}

function giveUpOnLateCalls(thread: CdpThread) {
  const now = Date.now();
  for (const [id, pending] of thread.pending)
    if (now >= pending.giveUpAt) settle(thread, id, upstreamTimeout());
}
