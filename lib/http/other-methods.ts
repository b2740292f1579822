import "server-only";
import { AppError } from "./app-error";
import { preflightHeaders } from "./cors";
import { handle } from "./handle";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Handler = (request: Request) => Promise<Response>;

/**
 * Handlers for the methods a route does not take. Left to Next, those get an empty 405,
 * outside the error envelope every answer of the API promises; these answer 405
 * `method_not_allowed` in it, with `Allow`. OPTIONS comes too: Next's own would list these
 * handlers as methods the route takes. A route exports them beside its own:
 *
 *   export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
 */
export function refuseOtherMethods<Taken extends Method>(
  ...taken: Taken[]
): Record<Exclude<Method, Taken> | "OPTIONS", Handler> {
  const takes = (method: Method) => (taken as Method[]).includes(method);
  // Next answers HEAD with the GET handler, and OPTIONS always.
  const allow = [...taken, ...(takes("GET") ? ["HEAD"] : []), "OPTIONS"].sort();
  const refuse: Handler = (request) =>
    handle(request, async () => {
      throw new AppError("method_not_allowed", `This route takes ${taken.join(" or ")}.`, {
        allow,
      });
    });
  // A listed origin's preflight is answered as such (cors.ts); any other OPTIONS, `Allow` only.
  const options: Handler = (request) =>
    handle(
      request,
      async () =>
        new Response(null, {
          status: 204,
          headers: { allow: allow.join(", "), ...preflightHeaders(request, allow) },
        }),
    );
  const refused = METHODS.filter((method) => !takes(method)).map((method) => [method, refuse]);
  return { ...Object.fromEntries(refused), OPTIONS: options } as Record<
    Exclude<Method, Taken> | "OPTIONS",
    Handler
  >;
}

/** Every method of a path under /api that no route serves: 404 in the envelope, not Next's HTML page. */
export const noSuchApiRoute: Handler = (request) =>
  handle(request, async () => {
    throw new AppError("not_found", "There is no such route: the README lists the HTTP API.");
  });
