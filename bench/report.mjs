// Budgets and the printed table. Every budget compares figures measured side by side in the
// same run, or counts, so it holds on any machine class (docs/performance.md has this one's).
import { ROUTES } from "./load.mjs";

export const BUDGETS = {
  mintCpuFactor: 1.6, // a mint's server CPU per request at c=50 ≤ 1.6× /api/health's
  p99Factor: 4, // p99 at c=50 ≤ 4× /api/health's, for every route that calls upstream
  pageJsOverFloorBytes: 35 * 1024, // first-visit JS ≤ bare Next.js page + 35 KB gzip
  // One upstream pool: at c=50, at most 2 × 50 connections open at once, and at most one set
  // of 50 opened per round. A connection per request (or a pool per request) fails one or the
  // other; a pool closing connections left idle past its keep-alive timeout while the other
  // routes take their turn, and opening them again in its next round, does not. (A count of
  // requests per connection would instead hang on how fast the machine is.)
  openConnectionsPerConcurrency: 2,
  openedPerRoundPerConcurrency: 1,
};

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const factor = (x) => `${x.toFixed(2)}×`;
const failures = (runs) =>
  Object.values(runs).reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);

/** One `{ name, pass, detail }` per budget. */
export function checkBudgets(results) {
  const checks = [];
  const health = results.load.health.c50;
  for (const route of ROUTES) {
    const runs = results.load[route.name];
    checks.push({
      name: `${route.name}: every answer 200`,
      pass: failures(runs) === 0,
      detail: `${failures(runs)} non-2xx/errors/timeouts in ${runs.c1.requests + runs.c50.requests} requests`,
    });
    if (route.mint) {
      const cpu = runs.c50.serverCpuMs;
      checks.push({
        name: `${route.name}: server CPU per request at c=50 ≤ ${BUDGETS.mintCpuFactor}× health`,
        pass: cpu !== null && cpu <= BUDGETS.mintCpuFactor * health.serverCpuMs,
        detail:
          cpu === null
            ? "not measured (needs Linux /proc)"
            : `${cpu} ms / ${health.serverCpuMs} ms = ${factor(cpu / health.serverCpuMs)}`,
      });
    }
    // The floor's routes are yardsticks, not ours: only their answers are checked.
    if (!route.body || route.server) continue;
    checks.push({
      name: `${route.name}: p99 at c=50 ≤ ${BUDGETS.p99Factor}× health`,
      pass: runs.c50.p99 <= BUDGETS.p99Factor * health.p99,
      detail: `${runs.c50.p99} ms / ${health.p99} ms = ${factor(runs.c50.p99 / health.p99)}`,
    });
    const upstream = runs.c50.upstream;
    const limit = BUDGETS.openConnectionsPerConcurrency * runs.c50.connections;
    const opened = BUDGETS.openedPerRoundPerConcurrency * runs.c50.connections * runs.c50.rounds;
    checks.push({
      name: `${route.name}: one upstream pool (at c=50 ≤ ${limit} open, ≤ ${opened} opened in ${runs.c50.rounds} rounds, each signed)`,
      pass:
        upstream.peakOpen <= limit &&
        upstream.connections <= opened &&
        upstream.unauthenticated === 0,
      detail:
        `${upstream.peakOpen} open at most; ${upstream.connections} opened for ${upstream.requests} upstream requests` +
        (upstream.unauthenticated ? `; ${upstream.unauthenticated} without a JWT` : ""),
    });
  }
  const probe = results.keyProbe;
  const atStart = Object.entries(probe.countsAtStart).map(([name, n]) => `${name} ${n}`);
  checks.push({
    name: "no key parsing or importing while serving (the key is imported at start)",
    pass: probe.callsWhileServing === 0 && probe.countsAtStart["subtle.importKey"] > 0,
    detail:
      `${probe.callsWhileServing} calls during ${probe.requestsServed} upstream-calling requests; at start: ${atStart.join(", ") || "none"}` +
      (probe.latestCallers.length ? `; latest: ${probe.latestCallers.join(", ")}` : "") +
      (probe.databaseSignInCallsWhileServing
        ? `; apart: ${probe.databaseSignInCallsWhileServing} from Postgres's SCRAM sign-in of new pool connections`
        : ""),
  });
  const floor = results.pages.floor.jsGzip;
  for (const page of results.pages.app) {
    checks.push({
      name: `page ${page.path}: first-visit JS ≤ floor + ${kb(BUDGETS.pageJsOverFloorBytes)}`,
      pass: page.jsGzip <= floor + BUDGETS.pageJsOverFloorBytes,
      detail: `${kb(page.jsGzip)} = floor ${kb(floor)} + ${kb(page.jsGzip - floor)}`,
    });
  }
  return checks;
}

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  return [
    line(headers),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...rows.map(line),
  ].join("\n");
}

export function formatReport(results, checks) {
  const loadRows = [];
  for (const [name, runs] of Object.entries(results.load)) {
    for (const run of Object.values(runs)) {
      const health = results.load.health[`c${run.connections}`];
      const cpu = run.serverCpuMs;
      loadRows.push([
        name,
        run.connections,
        run.requests,
        run.rps,
        run.p50,
        run.p99,
        factor(run.p99 / Math.max(1, health.p99)),
        cpu === null ? "n/a" : cpu.toFixed(3),
        cpu === null ? "" : factor(cpu / health.serverCpuMs),
        run.non2xx + run.errors + run.timeouts,
        run.upstream
          ? `${run.upstream.peakOpen} / ${run.upstream.connections} / ${run.upstream.requests}`
          : "",
      ]);
    }
  }
  const jwt = results.jwt;
  const cpuAt50 = (name) => results.load[name].c50.serverCpuMs;
  const ratio = (a, b) => (a === null || b === null ? "n/a" : factor(a / b));
  const overFloor = ROUTES.filter((route) => route.mint).map(
    (route) => `${route.name} ${ratio(cpuAt50(route.name), cpuAt50("floor"))}`,
  );
  const pages = [{ ...results.pages.floor, path: "floor (bare Next.js)" }, ...results.pages.app];
  const { machine, settings } = results;
  return [
    `${machine.cpus} × ${machine.cpu}, Node ${machine.node}, load average ${machine.loadAverageAtStart[0].toFixed(2)} at start, ${machine.loadAverageAtEnd[0].toFixed(2)} at end`,
    "",
    `Load: ${settings.seconds} s per route and concurrency, in ${settings.rounds} interleaved rounds; live mode against a local stub; rate limit off. × health: against /api/health at the same concurrency`,
    table(
      [
        "route",
        "c",
        "requests",
        "req/s",
        "p50 ms",
        "p99 ms",
        "p99 × health",
        "server CPU ms/req",
        "CPU × health",
        "non-2xx",
        "upstream peak open / opened / reqs",
      ],
      loadRows,
    ),
    `Floor, the bare Next.js app's mint route (read the body, sign, call; no checks, caller, log or ledger): ${ratio(cpuAt50("floor"), cpuAt50("floor-health"))} its own health's server CPU at c=50. The app's mints against it: ${overFloor.join(", ")}`,
    "",
    "JWT signing in process (each signature awaited before the next)",
    table(
      ["key", "signatures/s", "parseCdpApiKey µs"],
      Object.values(jwt).map((j) => [j.algorithm, j.signaturesPerSecond, j.parseMicroseconds]),
    ),
    "",
    "Page weight of a first visit (gzip -6; JS = every external <script src> but nomodule polyfills, shown apart; inline scripts are inside the HTML figure, also shown alone)",
    table(
      [
        "page",
        "scripts",
        "JS gzip",
        "JS raw",
        "inline JS gzip",
        "HTML gzip",
        "HTML raw",
        "CSS gzip",
        "nomodule gzip",
      ],
      pages.map((p) => [
        p.path,
        p.scriptCount,
        kb(p.jsGzip),
        kb(p.jsRaw),
        kb(p.inlineScriptGzip),
        kb(p.htmlGzip),
        kb(p.htmlRaw),
        kb(p.cssGzip),
        kb(p.legacyJsGzip),
      ]),
    ),
    "",
    "Budgets",
    table(
      ["", "budget", "measured"],
      checks.map((c) => [c.pass ? "PASS" : "FAIL", c.name, c.detail]),
    ),
    "",
    `Total ${results.totalSeconds.toFixed(0)} s (app build ${results.timings.appBuild.toFixed(0)} s, floor build ${results.timings.floorBuild.toFixed(0)} s, load ${results.timings.load.toFixed(0)} s)`,
  ].join("\n");
}
