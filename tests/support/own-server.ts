import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { openSync } from "node:fs";
import { expect, request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { BLANK_APP_ENV, NPM_START_ARGS, serverLogPath } from "./e2e-servers";

/**
 * `npm start` (its `next start` and options) of a spec's own, for the outage specs that stop
 * a service under a running app: sandbox mode (every app variable blank, even if the shell or
 * .env.local sets it), production build, `env` on top. Its log goes where the other servers' do. Resolves once /api/health answers.
 * `mode: "dev"` runs `next dev` instead, as `npm run dev` does (its first answer waits for
 * the route to compile); it builds into .next/dev, apart from the build the others serve.
 */
export async function startOwnServer(
  port: number,
  env: Record<string, string>,
  mode: "start" | "dev" = "start",
): Promise<{ url: string; api: APIRequestContext; stop: () => Promise<void> }> {
  const url = `http://localhost:${port}`;
  const log = openSync(serverLogPath(port), "w");
  const args = mode === "dev" ? ["dev"] : NPM_START_ARGS;
  const app: ChildProcess = spawn("node_modules/.bin/next", [...args, "-p", String(port)], {
    env: {
      ...process.env,
      ...BLANK_APP_ENV,
      NODE_ENV: mode === "dev" ? "development" : "production",
      NEXT_TELEMETRY_DISABLED: "1",
      APP_URL: url,
      ...env,
    },
    stdio: ["ignore", log, log],
    // `next dev` serves from a child process of its own: stopping means the whole group.
    detached: true,
  });
  // Detached, it would outlive a worker that gives up on it (a hook's timeout, a failed
  // start): the group goes when the worker exits, whatever happened in between.
  const stopGroup = (signal: NodeJS.Signals = "SIGTERM") => {
    try {
      process.kill(-app.pid!, signal);
    } catch {
      // The group has already gone.
    }
  };
  const stopOnExit = () => stopGroup();
  process.once("exit", stopOnExit);
  const api = await playwrightRequest.newContext({ baseURL: url });
  const deadline = Date.now() + (mode === "dev" ? 120_000 : 20_000);
  for (;;) {
    const up = await api.get("/api/health", { timeout: 60_000 }).catch(() => null);
    if (up?.ok()) break;
    if (Date.now() > deadline || app.exitCode !== null) {
      stopGroup();
      await api.dispose();
      throw new Error(`next ${mode} did not answer /api/health (log: ${serverLogPath(port)})`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    api,
    stop: async () => {
      await api.dispose();
      process.removeListener("exit", stopOnExit);
      if (app.exitCode !== null || app.signalCode !== null) return;
      const exited = once(app, "exit");
      stopGroup();
      // `next start` stops listening at once, then waits for its open connections to close: a
      // browser's idle keep-alive one stays until --keepAliveTimeout (65 s). Nothing is left
      // to wait for after a few seconds (the database is not closed on either way out).
      const kill = setTimeout(() => stopGroup("SIGKILL"), 3_000);
      await exited;
      clearTimeout(kill);
    },
  };
}

/** Runs `call` and checks it answered within `ms`: an outage must fail fast, not hang. */
export async function within<T>(ms: number, call: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await call();
  expect(Date.now() - started).toBeLessThan(ms);
  return result;
}
