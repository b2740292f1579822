// Budgets and the printed table. Every budget compares figures measured side by side in
// the same run, so they hold on any machine class (the README quotes this one's).
export const BUDGETS = {
  mintThroughputRatio: 0.6, // minting req/s at c=50 ≥ 60% of /api/health's
  mintP99Factor: 4, // minting p99 at c=50 ≤ 4× /api/health's
  pageJsOverFloorBytes: 35 * 1024, // first-visit JS ≤ bare Next.js page + 35 KB gzip
  // One upstream pool: at c=50, at most 2 × 50 connections open at once, and each carries
  // many requests. A connection per request (or a pool per request) fails one or the other;
  // a pool closing connections idle past the keep-alive timeout, and opening them again, does not.
  openConnectionsPerConcurrency: 2,
  requestsPerConnection: 20,
  totalSeconds: 180,
};

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** One `{ name, pass, detail }` per budget. */
export function checkBudgets(results) {
  const checks = [];
  const health = results.load.health.c50;
  for (const name of ["session-token", "onramp"]) {
    const run = results.load[name];
    const errors = Object.values(run).reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
    checks.push({
      name: `${name}: every answer 200`,
      pass: errors === 0,
      detail: `${errors} non-2xx/errors/timeouts`,
    });
    const ratio = run.c50.rps / health.rps;
    checks.push({
      name: `${name}: req/s at c=50 ≥ ${BUDGETS.mintThroughputRatio * 100}% of health`,
      pass: ratio >= BUDGETS.mintThroughputRatio,
      detail: `${run.c50.rps} / ${health.rps} = ${(ratio * 100).toFixed(0)}%`,
    });
    const factor = run.c50.p99 / health.p99;
    checks.push({
      name: `${name}: p99 at c=50 ≤ ${BUDGETS.mintP99Factor}× health`,
      pass: factor <= BUDGETS.mintP99Factor,
      detail: `${run.c50.p99} ms / ${health.p99} ms = ${factor.toFixed(2)}×`,
    });
    const upstream = run.c50.upstream;
    const limit = BUDGETS.openConnectionsPerConcurrency * run.c50.connections;
    const reuse = upstream.requests / Math.max(1, upstream.connections);
    checks.push({
      name: `${name}: one upstream pool (at c=50 ≤ ${limit} open, ≥ ${BUDGETS.requestsPerConnection} requests per connection)`,
      pass:
        upstream.peakOpen <= limit &&
        reuse >= BUDGETS.requestsPerConnection &&
        upstream.unauthenticated === 0,
      detail: `${upstream.peakOpen} open at most; ${upstream.connections} opened for ${upstream.requests} upstream requests (${Math.round(reuse)} each)`,
    });
  }
  const healthErrors = Object.values(results.load.health).reduce(
    (n, r) => n + r.non2xx + r.errors + r.timeouts,
    0,
  );
  checks.push({
    name: "health: every answer 200",
    pass: healthErrors === 0,
    detail: `${healthErrors} non-2xx/errors/timeouts`,
  });
  const probe = results.keyProbe;
  checks.push({
    name: "no key parsing or importing while serving",
    pass: probe.callsWhileServing === 0 && probe.callsAtStart > 0,
    detail:
      `${probe.callsWhileServing} calls during ${probe.requestsServed} minting requests (${probe.callsAtStart} at start)` +
      (probe.latestCallers.length ? `; latest: ${probe.latestCallers.join(", ")}` : ""),
  });
  const floor = results.pages.floor.jsGzip;
  for (const page of results.pages.app) {
    checks.push({
      name: `page ${page.path}: first-visit JS ≤ floor + ${kb(BUDGETS.pageJsOverFloorBytes)}`,
      pass: page.jsGzip <= floor + BUDGETS.pageJsOverFloorBytes,
      detail: `${kb(page.jsGzip)} = floor ${kb(floor)} + ${kb(page.jsGzip - floor)}`,
    });
  }
  checks.push({
    name: `whole run < ${BUDGETS.totalSeconds} s`,
    pass: results.totalSeconds < BUDGETS.totalSeconds,
    detail: `${results.totalSeconds.toFixed(0)} s`,
  });
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
  const health = results.load.health.c50;
  const loadRows = [];
  for (const [name, runs] of Object.entries(results.load)) {
    for (const run of Object.values(runs)) {
      loadRows.push([
        name,
        run.connections,
        run.rps,
        run === runs.c50 ? `${((run.rps / health.rps) * 100).toFixed(0)}%` : "",
        run.p50,
        run.p99,
        run.serverCpuMs ?? "n/a",
        run.non2xx + run.errors + run.timeouts,
        run.upstream
          ? `${run.upstream.peakOpen} / ${run.upstream.connections} / ${run.upstream.requests}`
          : "",
      ]);
    }
  }
  const jwt = results.jwt;
  const pages = [{ ...results.pages.floor, path: "floor (bare Next.js)" }, ...results.pages.app];
  const { machine } = results;
  return [
    `${machine.cpus} × ${machine.cpu}, Node ${machine.node}, load average ${machine.loadAverageAtStart[0].toFixed(2)} at start`,
    "",
    `Minting: ${results.load.health.c50.seconds.toFixed(0)} s per route and concurrency, in ${results.settings.rounds} interleaved rounds; live mode against a local stub; rate limit off`,
    table(
      [
        "route",
        "c",
        "req/s",
        "of health",
        "p50 ms",
        "p99 ms",
        "server CPU ms/req",
        "non-2xx",
        "upstream peak open / opened / reqs",
      ],
      loadRows,
    ),
    "",
    "JWT signing in process",
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
