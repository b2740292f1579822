import "server-only";
import { apiError, apiJson } from "./api-response";

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

/**
 * One page of a list, newest first, with Coinbase's cursor pagination (`limit`,
 * `starting_after`). `next_uri` is relative to the API root, as Coinbase's is.
 */
export function paginatedList<T extends { id: string }>(
  request: Request,
  path: string,
  items: T[],
  toApi: (item: T) => unknown,
): Response {
  const query = new URL(request.url).searchParams;
  const rawLimit = query.get("limit");
  const limit =
    rawLimit === null ? DEFAULT_LIMIT : /^\d{1,3}$/.test(rawLimit) ? Number(rawLimit) : NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) {
    return apiError(
      request,
      400,
      "invalid_request",
      `limit must be a whole number from 1 to ${MAX_LIMIT}`,
    );
  }
  const startingAfter = query.get("starting_after");
  const start = startingAfter === null ? 0 : items.findIndex((i) => i.id === startingAfter) + 1;
  if (start === 0 && startingAfter !== null) {
    return apiError(request, 400, "invalid_request", "starting_after must be an id in this list");
  }
  const page = items.slice(start, start + limit);
  const last = page.at(-1);
  const more = start + limit < items.length && last !== undefined;
  return apiJson(request, {
    pagination: {
      ending_before: null,
      starting_after: startingAfter,
      limit,
      order: "desc",
      previous_uri: null,
      next_uri: more
        ? `${path}?${new URLSearchParams({ limit: String(limit), starting_after: last.id })}`
        : null,
    },
    data: page.map(toApi),
  });
}
