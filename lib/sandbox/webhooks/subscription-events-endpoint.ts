import "server-only";
import { platformError, unauthorized } from "../cdp/platform-error";
import { verifyCdpRequestJwt } from "../cdp/verify-request-jwt";
import { CDP_EVENT_TYPES } from "./cdp-event-types";
import { deliveriesOf, type DeliveryRecord } from "./deliveries";
import { getSubscription } from "./subscriptions";
import { ID, notFound } from "./subscriptions-endpoint";

/**
 * GET /v2/data/webhooks/subscriptions/{id}/events as the OpenAPI describes it: the deliveries
 * made (or being tried) for the subscription, newest first, at most the 50 newest that pass
 * the filters (eventId, minCreatedAt, maxCreatedAt, eventTypeNames), with no paging.
 */
const LIMIT = 50;
// RFC 3339: a date, a time, and an offset (Z or ±hh:mm); Date.parse checks the values.
const RFC_3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export async function handleListSubscriptionEvents(
  request: Request,
  id: string,
): Promise<Response> {
  if (await verifyCdpRequestJwt(request)) return unauthorized();
  if (!ID.test(id) || !getSubscription(id)) return notFound();
  const filter = readFilter(new URL(request.url).searchParams);
  if (filter instanceof Response) return filter;
  const events = deliveriesOf(id).filter(filter).slice(0, LIMIT);
  // Copies: the records change while their deliveries go on.
  return Response.json({ events: events.map((event) => structuredClone(event)) });
}

function readFilter(query: URLSearchParams): ((event: DeliveryRecord) => boolean) | Response {
  const times: Record<string, number | undefined> = {};
  for (const name of ["minCreatedAt", "maxCreatedAt"]) {
    const text = query.get(name);
    if (text === null) continue;
    times[name] = RFC_3339.test(text) ? Date.parse(text) : NaN;
    if (Number.isNaN(times[name]))
      return platformError(400, "invalid_request", `${name} must be a valid RFC 3339 timestamp.`);
  }
  const typeText = query.get("eventTypeNames");
  const types = typeText?.split(",").map((name) => name.trim()) ?? [];
  const unknown = types.filter((name) => !CDP_EVENT_TYPES.has(name));
  if (unknown.length > 0)
    return platformError(
      400,
      "invalid_request",
      `Unknown event type names: ${unknown.join(", ")}.`,
    );
  const eventId = query.get("eventId");
  const { minCreatedAt: min = -Infinity, maxCreatedAt: max = Infinity } = times;
  return (event) => {
    const at = Date.parse(event.createdAt);
    return (
      (eventId === null || event.eventId === eventId) &&
      (types.length === 0 || types.includes(event.eventTypeName)) &&
      at >= min &&
      at <= max
    );
  };
}
