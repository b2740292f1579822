import type { Instrumentation } from "next";

/** Next calls this once at server start. */
export async function register() {
  // NEXT_RUNTIME is Next's own flag, not app configuration.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { keepQueryParametersOutOfConsole } = await import("./lib/log/console-query-errors");
    keepQueryParametersOutOfConsole();
    const { validateAtStartup } = await import("./lib/config/startup");
    await validateAtStartup();
  }
}

/** Next calls this for each error it caught while serving a page: logged as one JSON line. */
export const onRequestError: Instrumentation.onRequestError = async (...args) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("./lib/log/request-error");
  await logRequestError(...args);
};
