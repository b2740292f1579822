// `npm run bench`: builds the app and a bare Next.js page, starts both with `next start`
// (the app in live mode against a local CDP stub, rate limit off), measures each API
// route's server CPU per request and latency, JWT signing and page weight, checks the
// budgets, prints a table and writes bench/results.json. Exits 1 when a budget fails, 2
// when the run itself broke. See docs/performance.md.
import { execFile } from "node:child_process";
import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { BENCH_API_KEY, ROUTES, measureLoad, requestHeaders, serverOf } from "./load.mjs";
import { pageWeight } from "./page-weight.mjs";
import { checkBudgets, formatReport } from "./report.mjs";
import {
  logDirectory,
  logFile,
  nextBuild,
  nextServerPid,
  nextStart,
  removeLogs,
  startStub,
} from "./servers.mjs";

const started = performance.now();
const loadAverageAtStart = loadavg();
const root = fileURLToPath(new URL("..", import.meta.url));
const num = (name, fallback) => Number(process.env[name] || fallback);
const ports = {
  app: num("BENCH_APP_PORT", 3900),
  floor: num("BENCH_FLOOR_PORT", 3901),
  stub: num("BENCH_STUB_PORT", 3999),
  floorStub: num("BENCH_FLOOR_STUB_PORT", 3998),
};
const seconds = num("BENCH_SECONDS", 10);
const rounds = num("BENCH_ROUNDS", 5);
const warmupSeconds = num("BENCH_WARMUP_SECONDS", 2);
const PAGES = ["/", "/buy", "/sell", "/buy/guest", "/connect"];
const say = (line) => process.stderr.write(`bench: ${line}\n`);

// Next sets NODE_ENV itself; a partner's CDP, Redis or proxy settings must not leak in.
const { NODE_ENV: _nodeEnv, NODE_OPTIONS: nodeOptions = "", ...baseEnv } = process.env;
const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const probeFile = logFile("key-probe");
const buildEnv = { ...baseEnv, NEXT_TELEMETRY_DISABLED: "1" };
const appEnv = {
  ...buildEnv,
  CDP_API_KEY_ID: `organizations/bench/apiKeys/${randomUUID()}`,
  CDP_API_KEY_SECRET: privateKey.export({ format: "pem", type: "sec1" }).toString(),
  CDP_API_BASE_URL: `http://127.0.0.1:${ports.stub}`,
  APP_URL: `http://127.0.0.1:${ports.app}`,
  ALLOW_INSECURE_APP_URL: "true",
  RATE_LIMIT_PER_MINUTE: "0",
  RATE_LIMIT_GLOBAL_PER_MINUTE: "0",
  RATE_LIMIT_LOOKUPS_PER_MINUTE: "0",
  API_KEYS: BENCH_API_KEY,
  ALLOWED_REDIRECT_ORIGINS: "https://partner.example",
  SESSION_SECRET: randomBytes(32).toString("base64url"),
  // Live mode requires a mail server; the bench signs nobody in, so nothing is ever sent.
  SMTP_URL: "smtp://127.0.0.1:9",
  // The default database, embedded and fresh for the run, so the onramp's ledger row is
  // written in the app's own process; or a Postgres server, as in production.
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? "",
  PGLITE_DIR: logFile("pglite"),
  TRUST_PROXY_HEADERS: "false",
  ALLOWED_ORIGINS: "",
  REDIS_URL: "",
  NODE_OPTIONS:
    `${nodeOptions} --import ${new URL("./key-probe.mjs", import.meta.url).href}`.trim(),
  BENCH_KEY_PROBE_FILE: probeFile,
};

// The floor's mint route signs with a key of the same kind, against a stub of its own.
const floorEnv = {
  ...buildEnv,
  FLOOR_CDP_KEY_PEM: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
  FLOOR_CDP_API_BASE_URL: `http://127.0.0.1:${ports.floorStub}`,
};

/** Key calls so far, summed over the files the probe writes (one per process and thread). */
function probeCalls() {
  const counts = {};
  let databaseSignIns = 0;
  const recent = [];
  const files = readdirSync(dirname(probeFile))
    .filter((name) => name.startsWith(basename(probeFile)))
    .map((name) => join(dirname(probeFile), name));
  for (const file of files) {
    const probe = JSON.parse(readFileSync(file, "utf8"));
    for (const [name, n] of Object.entries(probe.counts)) counts[name] = (counts[name] ?? 0) + n;
    for (const n of Object.values(probe.databaseSignIns)) databaseSignIns += n;
    recent.push(...probe.recent);
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { total, counts, databaseSignIns, recent };
}

/** Where the latest key calls came from: the first frame in a module of ours (Turbopack names chunks after them). */
function callers(recent) {
  const ours = (frame) =>
    /chunks\/(?:ssr\/)?((?:lib|app)_[^/]*?)(?:_[0-9a-z-]{6,})?\._\.js/.exec(frame)?.[1];
  return [
    ...new Set(
      recent.map(
        (call) => `${call.name} from ${call.frames.map(ours).find(Boolean) ?? call.frames[0]}`,
      ),
    ),
  ];
}

/** One request per upstream-calling route before the load, so a wrong setup fails loudly. */
async function checkUpstreamRoutes(servers) {
  for (const route of ROUTES.filter((r) => r.body)) {
    const response = await fetch(`${serverOf(servers, route).origin}${route.path}`, {
      method: "POST",
      headers: requestHeaders(route),
      body: JSON.stringify(route.body),
    });
    const body = await response.json();
    if (response.status !== 200 || !(body.token || body.url || body.quoteId)) {
      throw new Error(
        `${route.path} answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`,
      );
    }
  }
}

async function main() {
  const timings = {};
  const stopAll = [];
  try {
    // BENCH_SKIP_BUILD=1 reuses the last builds, where there are any. The app's build
    // wipes .next, floor included, so the floor is built after it.
    const reuse = (dir) =>
      process.env.BENCH_SKIP_BUILD === "1" && existsSync(join(root, dir, "BUILD_ID"));
    const skipApp = reuse(".next");
    say(skipApp ? "reusing the last app build" : "next build (app)");
    timings.appBuild = skipApp ? 0 : await nextBuild(root, undefined, buildEnv);
    const skipFloor = skipApp && reuse(".next/bench-floor");
    say(skipFloor ? "reusing the last floor build" : "next build (bench/floor-app)");
    timings.floorBuild = skipFloor ? 0 : await nextBuild(root, "bench/floor-app", buildEnv);

    const stub = await startStub(ports.stub);
    stopAll.push(stub.stop);
    const floorStub = await startStub(ports.floorStub);
    stopAll.push(floorStub.stop);
    const app = await nextStart({
      cwd: root,
      port: ports.app,
      env: appEnv,
      readyPath: "/api/health",
      name: "app",
    });
    stopAll.push(app.stop);
    // The bare Next.js app: its page is the page-weight floor, its mint route the CPU floor.
    const floor = await nextStart({
      cwd: root,
      dir: "bench/floor-app",
      port: ports.floor,
      env: floorEnv,
      name: "floor",
    });
    stopAll.push(floor.stop);
    const origin = `http://127.0.0.1:${ports.app}`;
    const servers = {
      app: { origin, pid: nextServerPid(app.pid), stub },
      floor: {
        origin: `http://127.0.0.1:${ports.floor}`,
        pid: nextServerPid(floor.pid),
        stub: floorStub,
      },
    };
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the probe flush
    const atStart = probeCalls();

    const loadStarted = performance.now();
    await checkUpstreamRoutes(servers);
    say(
      `load: ${ROUTES.map((r) => r.path).join(", ")} in ${rounds} rounds of ${seconds / rounds} s each, c=1 then c=50`,
    );
    const loadResults = await measureLoad(servers, { seconds, rounds, warmupSeconds });
    timings.load = (performance.now() - loadStarted) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const afterLoad = probeCalls();
    const requestsServed = ROUTES.filter((route) => route.body && !route.server).reduce(
      (n, route) => n + loadResults[route.name].c1.requests + loadResults[route.name].c50.requests,
      0,
    );

    say("page weight");
    const appPages = [];
    for (const path of PAGES) appPages.push(await pageWeight(origin, path));
    const floorPage = await pageWeight(servers.floor.origin, "/");
    await app.stop();
    await floor.stop();
    await stub.stop();
    await floorStub.stop();

    say("JWT signing");
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "bench/jwt-signing.ts"],
      { cwd: root, env: buildEnv },
    );

    const results = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        node: process.version,
        loadAverageAtStart,
        loadAverageAtEnd: loadavg(),
      },
      settings: { seconds, rounds, warmupSeconds, ports },
      load: loadResults,
      jwt: JSON.parse(stdout),
      pages: { floor: floorPage, app: appPages },
      keyProbe: {
        callsAtStart: atStart.total,
        callsWhileServing: afterLoad.total - atStart.total,
        databaseSignInCallsWhileServing: afterLoad.databaseSignIns - atStart.databaseSignIns,
        requestsServed,
        countsAtStart: atStart.counts,
        countsAfterLoad: afterLoad.counts,
        latestCallers: afterLoad.total > atStart.total ? callers(afterLoad.recent) : [],
        latestCalls: afterLoad.total > atStart.total ? afterLoad.recent : [],
      },
      timings,
      totalSeconds: (performance.now() - started) / 1000,
    };
    const checks = checkBudgets(results);
    results.budgets = checks;
    results.pass = checks.every((c) => c.pass);
    writeFileSync(
      new URL("./results.json", import.meta.url),
      `${JSON.stringify(results, null, 2)}\n`,
    );
    process.stdout.write(
      `\n${formatReport(results, checks)}\n\n${results.pass ? "PASS" : "FAIL"}: bench/results.json written\n`,
    );
    process.exitCode = results.pass ? 0 : 1;
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    say(`server logs kept in ${logDirectory}`);
    process.exitCode = 2;
  } finally {
    await Promise.all(stopAll.map((stop) => stop()));
  }
  if (process.exitCode !== 2) removeLogs();
}

await main();
