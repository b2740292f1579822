import "server-only";
import type { Instrumentation } from "next";
import { loggableMessage } from "@/lib/db/database-errors";
import { isAppError } from "@/lib/http/app-error";
import { errorName } from "@/lib/http/error-response";
import { loggedPath } from "./logged-path";
import { log, withRequestId } from "./logger";

/**
 * One structured line for an error Next caught while rendering a page (route handlers answer
 * their own errors: lib/http/handle.ts). It carries the page's request id (set by proxy.ts)
 * and Next's digest, the reference the error page shows the user, so a user's report finds it.
 */
export const logRequestError: Instrumentation.onRequestError = (error, request, context) => {
  const requestId = request.headers["x-request-id"];
  withRequestId(typeof requestId === "string" ? requestId : null, () =>
    log("error", "page_error", {
      method: request.method,
      // Without the query: an OAuth callback's carries a code.
      path: loggedPath(request.path.split("?", 1)[0] ?? ""),
      route: context.routePath,
      routeType: context.routeType,
      name: errorName(error),
      // Not `code`: the log masks a field of that name (an OAuth code).
      errorCode: isAppError(error) ? error.code : undefined,
      // An AppError's message is written for users; any other goes through the same filter as
      // the API's unhandled errors (a failed query's parameters never reach the log).
      message: isAppError(error) ? error.message : loggableMessage(error),
      digest: (error as { digest?: unknown }).digest,
    }),
  );
};
