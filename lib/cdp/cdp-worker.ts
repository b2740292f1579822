import "server-only";
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { AppError } from "@/lib/http/app-error";
import { log, withRequestId } from "@/lib/log/logger";
import type { CdpSigningKey } from "./api-key";
import { toCallError, type CdpCall, type CdpReply } from "./cdp-thread-messages";
import { cdpRequest } from "./client";

/**
 * The CDP thread (started by cdp-thread.ts): each message is one `cdpRequest`, signed
 * with the key the thread was started with; each answer is the body or the AppError.
 */
const { key } = workerData as { key: CdpSigningKey };
if (!parentPort) throw new Error("cdp-worker.ts runs only as a worker thread");
const port: MessagePort = parentPort;

// Calls arrive in batches (one per turn of the serving thread); answers leave the same way.
let outbox: CdpReply[] = [];

port.on("message", (calls: CdpCall[]) => {
  for (const call of calls) void withRequestId(call.requestId, () => answer(call));
});

function send(reply: CdpReply) {
  if (outbox.push(reply) > 1) return;
  setImmediate(() => {
    port.postMessage(outbox);
    outbox = [];
  });
}

async function answer(call: CdpCall) {
  let reply: CdpReply;
  try {
    const options = { baseUrl: call.baseUrl, key, timeoutMs: call.timeoutMs };
    const body = await cdpRequest(options, call.method, call.path, call.body);
    reply = { id: call.id, ok: true, body };
  } catch (error) {
    if (error instanceof AppError) {
      reply = { id: call.id, ok: false, error: toCallError(error) };
    } else {
      log("error", "cdp_thread_unexpected", { error: (error as Error)?.name });
      reply = { id: call.id, ok: false, error: null };
    }
  }
  send(reply);
}
