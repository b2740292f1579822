import "server-only";
import { z } from "zod";
import { sendSignedCdp } from "@/lib/cdp/client";
import type { CdpJwtKey } from "@/lib/cdp/jwt";
import { platformError } from "@/lib/cdp/platform-errors";
import { AppError } from "@/lib/http/app-error";
import { upstreamError } from "@/lib/http/upstream-errors";
import type { RetryPolicy } from "@/lib/http/upstream-fetch";
import { log } from "@/lib/log/logger";
import { RAMP_EVENT_TYPES } from "./event-schemas";
import { targetUrlProblem } from "./target-url";

/**
 * Coinbase's webhook subscriptions (webhook docs) on the CDP platform host: the same JWT as
 * every CDP call, v2 errors turned into ours by lib/cdp/platform-errors.ts.
 */
export interface PlatformClient {
  /** e.g. https://api.cdp.coinbase.com/platform */
  baseUrl: string;
  key: CdpJwtKey;
  /** Only the sandbox delivers to http://localhost. */
  allowLoopbackHttp: boolean;
}

const Strings = z.record(z.string(), z.string());
const SubscriptionSchema = z.object({
  subscriptionId: z.string(),
  description: z.string().optional(),
  eventTypes: z.array(z.string()),
  isEnabled: z.boolean(),
  target: z.object({ url: z.string(), headers: Strings.optional() }),
  // Coinbase repeats the secret here (deprecated): dropped, so that only creation shows it.
  metadata: Strings.transform(({ secret: _secret, ...rest }) => rest).optional(),
  labels: Strings.optional(),
  createdAt: z.string(),
  updatedAt: z.string().optional(),
});
const CreatedSchema = SubscriptionSchema.extend({ secret: z.string().min(1) });
// Read to be sent back by an update: the metadata as Coinbase keeps it, its secret included.
const StoredSchema = SubscriptionSchema.extend({ metadata: Strings.optional() });
const ListSchema = z.object({
  subscriptions: z.array(SubscriptionSchema),
  nextPageToken: z.string().optional(),
});

// The OpenAPI's WebhookEventResponse: one delivery of an event and its attempts so far.
const DeliverySchema = z.object({
  eventId: z.string(),
  eventTypeName: z.string(),
  status: z.string(),
  createdAt: z.string(),
  succeededAt: z.string().optional(),
  retryCount: z.number().int(),
  response: z
    .object({
      httpCode: z.number().int().optional(),
      elapsedTimeMs: z.number().optional(),
      body: z.string().optional(),
      errorName: z.string().optional(),
    })
    .optional(),
});
const DeliveriesSchema = z.object({ events: z.array(DeliverySchema) });

export type WebhookSubscription = z.infer<typeof SubscriptionSchema>;
export type WebhookDelivery = z.infer<typeof DeliverySchema>;

/** What `updateWebhookSubscription` changes; what is left out stays as it is. */
export interface SubscriptionChanges {
  isEnabled?: boolean;
  url?: string;
  /** The target's extra headers, all of them: these replace the ones it has. */
  headers?: Record<string, string>;
  eventTypes?: string[];
  description?: string;
}
const PATH = "/v2/data/webhooks/subscriptions";
const MAX_PAGES = 20;

/** Subscribes `url` to the eight ramp event types; the answer holds the secret, shown once. */
export async function subscribeToRampEvents(client: PlatformClient, url: string) {
  const problem = targetUrlProblem(url, client.allowLoopbackHttp);
  if (problem) throw new AppError("invalid_request", problem);
  const body = {
    description: "Coinbase ramps reference app",
    eventTypes: [...RAMP_EVENT_TYPES],
    target: { url },
    isEnabled: true,
  };
  return shaped(CreatedSchema, await call(client, "POST", PATH, body, "connect-only"));
}

/** Every subscription of the project, newest first. */
export async function listWebhookSubscriptions(
  client: PlatformClient,
): Promise<WebhookSubscription[]> {
  const all: WebhookSubscription[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ pageSize: "100", ...(pageToken ? { pageToken } : {}) });
    const answer = shaped(ListSchema, await call(client, "GET", `${PATH}?${query}`));
    all.push(...answer.subscriptions);
    pageToken = answer.nextPageToken || undefined;
    if (!pageToken) break;
  }
  return all;
}

export async function deleteWebhookSubscription(client: PlatformClient, id: string) {
  await call(client, "DELETE", subscriptionPath(id), undefined, "connect-only");
}

/**
 * Changes some of a subscription's settings. Coinbase's PUT takes the whole configuration,
 * so the subscription is read first and sent back with the changes (a change made by someone
 * else in between is overwritten).
 */
export async function updateWebhookSubscription(
  client: PlatformClient,
  id: string,
  changes: SubscriptionChanges,
): Promise<WebhookSubscription> {
  const path = subscriptionPath(id);
  const problem = changes.url && targetUrlProblem(changes.url, client.allowLoopbackHttp);
  if (problem) throw new AppError("invalid_request", problem);
  if (changes.eventTypes?.length === 0)
    throw new AppError("invalid_request", "a subscription needs at least one event type");
  const current = shaped(StoredSchema, await call(client, "GET", path));
  const body = {
    description: changes.description ?? current.description,
    eventTypes: changes.eventTypes ?? current.eventTypes,
    isEnabled: changes.isEnabled ?? current.isEnabled,
    target: {
      url: changes.url ?? current.target.url,
      headers: changes.headers ?? current.target.headers,
    },
    // As read, `secret` included: the PUT replaces the whole metadata, and Coinbase's copy of
    // the signing secret the receiver verifies with is not for an update to drop.
    metadata: current.metadata,
    labels: current.labels,
  };
  // The whole configuration each time: sending it twice does no harm.
  return shaped(SubscriptionSchema, await call(client, "PUT", path, body, "idempotent"));
}

/** What Coinbase delivered, or is trying to, to the subscription: its 50 newest, newest first. */
export async function listWebhookSubscriptionEvents(
  client: PlatformClient,
  id: string,
): Promise<WebhookDelivery[]> {
  const path = `${subscriptionPath(id)}/events`;
  return shaped(DeliveriesSchema, await call(client, "GET", path)).events;
}

function subscriptionPath(id: string): string {
  if (!/^[a-f0-9-]{36}$/.test(id))
    throw new AppError("invalid_request", "a subscription id is a UUID, as `list` shows it");
  return `${PATH}/${id}`;
}

async function call(
  client: PlatformClient,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
  retry: RetryPolicy = "idempotent",
): Promise<unknown> {
  const response = await sendSignedCdp("cdp-platform", client, { method, path, body, retry });
  if (response.status >= 200 && response.status <= 299) return response.body;
  throw platformError(path.split("?")[0]!, response.status, response.body, response.retryAfter);
}

function shaped<S extends z.ZodType>(schema: S, answer: unknown): z.infer<S> {
  const parsed = schema.safeParse(answer);
  if (parsed.success) return parsed.data;
  log("warn", "cdp_platform_unexpected_shape", { path: PATH });
  throw upstreamError();
}
