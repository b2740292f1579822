// Load runs with autocannon. The routes take turns in short rounds (health, session-token,
// onramp, quote, health, …) and each route's rounds are merged, so a ratio between routes
// compares the same minutes of the machine's life even when something else is using its CPUs.
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import { cpuSeconds } from "./servers.mjs";

const ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7";
const TOKEN_BODY = { addresses: [{ address: ADDRESS, blockchains: ["base"] }], assets: ["USDC"] };

/**
 * The mints come as a partner's server sends them: with an API key (`API_KEYS` on the app)
 * and the user they are for. A browser's would carry a session cookie instead, one database
 * read more.
 */
export const BENCH_API_KEY = randomBytes(32).toString("base64url");

/**
 * `mint`: the route mints a session token, the call the CPU budget is about. `server: "floor"`:
 * served by the bare Next.js app (bench/floor-app), not by ours.
 */
export const ROUTES = [
  { name: "health", method: "GET", path: "/api/health" },
  {
    name: "session-token",
    method: "POST",
    path: "/api/session-token",
    body: TOKEN_BODY,
    mint: true,
  },
  // Not budgeted, the yardsticks of the mints' cost: the bare app's health (Next.js alone),
  // and its mint route, a mint with everything the app adds taken away.
  { name: "floor-health", method: "GET", path: "/api/health", server: "floor" },
  {
    name: "floor",
    method: "POST",
    path: "/api/mint-floor",
    server: "floor",
    body: TOKEN_BODY,
  },
  {
    name: "onramp",
    method: "POST",
    path: "/api/onramp",
    body: {
      address: ADDRESS,
      network: "base",
      asset: "USDC",
      fiatAmount: "25",
      partnerUserRef: "bench-user",
      // A partner's server names the page its user comes back to (required with an API key).
      redirectUrl: "https://partner.example/done",
    },
    mint: true,
  },
  {
    name: "quote",
    method: "POST",
    path: "/api/quote",
    body: {
      side: "buy",
      asset: "USDC",
      network: "base",
      amount: "25",
      amountIn: "fiat",
      fiatCurrency: "USD",
      method: "CARD",
      country: "FR",
    },
  },
];

/** What a route's requests carry: JSON, and the API key where a caller is required. */
export function requestHeaders(route) {
  return {
    "content-type": "application/json",
    ...(route.mint ? { authorization: `Bearer ${BENCH_API_KEY}` } : {}),
  };
}

function options(origin, route, connections, seconds) {
  return {
    url: `${origin}${route.path}`,
    method: route.method,
    connections,
    duration: seconds,
    ...(route.body ? { headers: requestHeaders(route), body: JSON.stringify(route.body) } : {}),
  };
}

/** One round: autocannon's raw result, with its latency histogram left mergeable. */
function round(origin, route, connections, seconds) {
  return autocannon({ ...options(origin, route, connections, seconds), skipAggregateResult: true });
}

function merge(origin, route, connections, raw) {
  const merged = autocannon.aggregateResult(raw.rounds, options(origin, route, connections, 1));
  const seconds = raw.rounds.reduce((n, r) => n + r.duration, 0);
  const requests = raw.rounds.reduce((n, r) => n + r.totalCompletedRequests, 0);
  const result = {
    connections,
    rounds: raw.rounds.length,
    seconds,
    requests,
    rps: Math.round(requests / seconds),
    p50: merged.latency.p50,
    p99: merged.latency.p99,
    non2xx: merged.non2xx,
    errors: merged.errors,
    timeouts: merged.timeouts,
    // The server's own CPU per request, whatever else the machine is doing.
    serverCpuMs: raw.cpu === null ? null : Math.round((raw.cpu * 1e6) / requests) / 1000,
  };
  if (raw.upstream.length) {
    result.upstream = {
      connections: raw.upstream.reduce((n, u) => n + u.connections, 0),
      peakOpen: Math.max(...raw.upstream.map((u) => u.peakOpen)),
      requests: raw.upstream.reduce((n, u) => n + u.requests, 0),
      unauthenticated: raw.upstream.reduce((n, u) => n + u.unauthenticated, 0),
    };
  }
  return result;
}

/**
 * Where a route is served: `servers.app` or `servers.floor`, each `{ origin, pid, stub }`: a
 * stub of its own, so that neither server's connections count in the other's pool.
 */
export function serverOf(servers, route) {
  return servers[route.server ?? "app"];
}

/**
 * For each concurrency, `seconds` of load per route in `rounds` turns. Around every round
 * the CPU time of the server serving the route is read (`pid` null: not measured), and for
 * the routes that call upstream, their stub's counters: connections it accepted, requests.
 */
export async function measureLoad(
  servers,
  { seconds, rounds, warmupSeconds, concurrencies = [1, 50] },
) {
  const originOf = (route) => serverOf(servers, route).origin;
  for (const route of ROUTES) await round(originOf(route), route, 50, warmupSeconds);
  const results = Object.fromEntries(ROUTES.map((r) => [r.name, {}]));
  const measured = Object.values(servers).every((s) => s.pid !== null);
  const cpu = (route) => (measured ? cpuSeconds(serverOf(servers, route).pid) : 0);
  for (const connections of concurrencies) {
    const raw = ROUTES.map(() => ({
      rounds: [],
      upstream: [],
      cpu: measured ? 0 : null,
    }));
    for (let i = 0; i < rounds; i++) {
      for (let j = 0; j < ROUTES.length; j++) {
        const k = (i + j) % ROUTES.length; // rotate who goes first
        const route = ROUTES[k];
        const { stub } = serverOf(servers, route);
        await stub.reset();
        const before = cpu(route);
        raw[k].rounds.push(await round(originOf(route), route, connections, seconds / rounds));
        if (raw[k].cpu !== null) raw[k].cpu += cpu(route) - before;
        if (route.body) raw[k].upstream.push(await stub.stats());
      }
    }
    ROUTES.forEach((route, k) => {
      results[route.name][`c${connections}`] = merge(originOf(route), route, connections, raw[k]);
    });
  }
  return results;
}
