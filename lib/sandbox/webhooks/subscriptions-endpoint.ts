import "server-only";
import { z } from "zod";
import { targetUrlProblem } from "@/lib/webhooks/target-url";
import { platformError, unauthorized } from "../cdp/platform-error";
import { verifyCdpRequestJwt } from "../cdp/verify-request-jwt";
import { CDP_EVENT_TYPES } from "./cdp-event-types";
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  listSubscriptions,
  updateSubscription,
  type NewSubscription,
  type Subscription,
} from "./subscriptions";

/**
 * /v2/data/webhooks/subscriptions[/{id}] as api.cdp.coinbase.com/platform answers them,
 * with one difference the sandbox owes the app: its own subscription's secret is never
 * shown, and no other is after creation (webhook docs: the secret is shown once), an update's
 * answer included. An update replaces the whole configuration: the OpenAPI asks for every
 * required field and does not say that an optional one left out is kept.
 */
const INVALID_URL = "Target URL must be a valid HTTPS endpoint.";
const INVALID_EVENT_TYPES = "Event types must be non-empty and contain valid event type names.";

// WebhookSubscriptionRequest and WebhookSubscriptionUpdateRequest: the same fields.
const SettingsSchema = z.object({
  description: z.string().max(100).optional(),
  eventTypes: z.array(z.string()).min(1, INVALID_EVENT_TYPES),
  isEnabled: z.boolean(),
  target: z.object({
    url: z.string().min(11).max(2048),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  metadata: z.record(z.string().max(40), z.string().max(500)).optional(),
  labels: z.record(z.string(), z.string()).optional(),
});

export const ID = /^[a-f0-9-]{36}$/;

function view({ secret: _secret, ...shown }: Subscription) {
  return shown;
}

export async function handleCreateSubscription(request: Request): Promise<Response> {
  if (await verifyCdpRequestJwt(request)) return unauthorized();
  const settings = await readSettings(request);
  if (settings instanceof Response) return settings;
  const created = createSubscription(settings);
  if (!created)
    return platformError(429, "rate_limit_exceeded", "Too many subscriptions in the sandbox.");
  return Response.json({ ...view(created), secret: created.secret }, { status: 201 });
}

/** PUT: the whole configuration, as on creation ("all required fields must be provided"). */
export async function handleUpdateSubscription(request: Request, id: string): Promise<Response> {
  if (await verifyCdpRequestJwt(request)) return unauthorized();
  if (!ID.test(id) || !getSubscription(id)) return notFound();
  const settings = await readSettings(request);
  if (settings instanceof Response) return settings;
  const updated = updateSubscription(id, settings);
  return updated ? Response.json(view(updated)) : notFound();
}

/** The body of a create or an update, checked as Coinbase words its refusals. */
async function readSettings(request: Request): Promise<NewSubscription | Response> {
  const body: unknown = await request.json().catch(() => undefined);
  const parsed = SettingsSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0];
    if (field === "eventTypes") return platformError(400, "invalid_request", INVALID_EVENT_TYPES);
    if (field === "target") return platformError(400, "invalid_request", INVALID_URL);
    const where = issue?.path.join(".") || "body";
    return platformError(400, "invalid_request", `Invalid ${where}: ${issue?.message}`);
  }
  const settings = parsed.data;
  if (!settings.eventTypes.every((type) => CDP_EVENT_TYPES.has(type)))
    return platformError(400, "invalid_request", INVALID_EVENT_TYPES);
  // The app is served over http: a loopback http receiver is accepted too.
  if (targetUrlProblem(settings.target.url, true))
    return platformError(400, "invalid_request", INVALID_URL);
  return settings;
}

export async function handleListSubscriptions(request: Request): Promise<Response> {
  if (await verifyCdpRequestJwt(request)) return unauthorized();
  const query = new URL(request.url).searchParams;
  const sizeText = query.get("pageSize") ?? "20";
  const pageSize = Number(sizeText);
  if (!/^\d{1,3}$/.test(sizeText) || pageSize < 1 || pageSize > 100)
    return platformError(400, "invalid_request", "Page size must be between 1 and 100.");
  const token = query.get("pageToken");
  const offset = token ? decodeToken(token) : 0;
  if (offset === undefined)
    return platformError(400, "invalid_request", "Invalid page token format.");
  const all = listSubscriptions();
  const page = all.slice(offset, offset + pageSize).map(view);
  const next = offset + pageSize < all.length ? encodeToken(offset + pageSize) : undefined;
  return Response.json({ subscriptions: page, ...(next ? { nextPageToken: next } : {}) });
}

export async function handleGetSubscription(request: Request, id: string): Promise<Response> {
  if (await verifyCdpRequestJwt(request)) return unauthorized();
  const found = ID.test(id) ? getSubscription(id) : undefined;
  return found ? Response.json(view(found)) : notFound();
}

export async function handleDeleteSubscription(request: Request, id: string): Promise<Response> {
  if (await verifyCdpRequestJwt(request)) return unauthorized();
  return ID.test(id) && deleteSubscription(id) ? new Response(null, { status: 204 }) : notFound();
}

export const notFound = () => platformError(404, "not_found", "Webhook subscription not found.");

// Opaque to callers, as Coinbase's is; here it carries the next offset.
const encodeToken = (offset: number) => Buffer.from(`offset:${offset}`).toString("base64url");
function decodeToken(token: string): number | undefined {
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(token, "base64url").toString());
  return match ? Number(match[1]) : undefined;
}
