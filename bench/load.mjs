// Load runs with autocannon. The routes take turns in short rounds (health, minting,
// health, …) and each route's rounds are merged, so a ratio between routes compares
// the same minutes of the machine's life even when something else is using its CPUs.
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

const ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7";

export const ROUTES = [
  { name: "health", method: "GET", path: "/api/health" },
  {
    name: "session-token",
    method: "POST",
    path: "/api/session-token",
    body: { addresses: [{ address: ADDRESS, blockchains: ["base"] }], assets: ["USDC"] },
  },
  {
    name: "onramp",
    method: "POST",
    path: "/api/onramp",
    body: { address: ADDRESS, network: "base", asset: "USDC", fiatAmount: "25" },
  },
];

function options(origin, route, connections, seconds) {
  return {
    url: `${origin}${route.path}`,
    method: route.method,
    connections,
    duration: seconds,
    ...(route.body
      ? { headers: { "content-type": "application/json" }, body: JSON.stringify(route.body) }
      : {}),
  };
}

/** One round: autocannon's raw result, with its latency histogram left mergeable. */
function round(origin, route, connections, seconds) {
  return autocannon({ ...options(origin, route, connections, seconds), skipAggregateResult: true });
}

/** CPU seconds (user + system, all threads) a process has used, from /proc; null elsewhere. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks: 100 per second on Linux
  } catch {
    return null;
  }
}

function merge(origin, route, connections, rounds, upstream, cpu) {
  const merged = autocannon.aggregateResult(rounds, options(origin, route, connections, 1));
  const seconds = rounds.reduce((n, r) => n + r.duration, 0);
  const requests = rounds.reduce((n, r) => n + r.totalCompletedRequests, 0);
  const result = {
    connections,
    rounds: rounds.length,
    seconds,
    requests,
    rps: Math.round(requests / seconds),
    p50: merged.latency.p50,
    p99: merged.latency.p99,
    non2xx: merged.non2xx,
    errors: merged.errors,
    timeouts: merged.timeouts,
    // The app's own CPU per request, whatever else the machine is doing.
    serverCpuMs: cpu === null ? null : Math.round((cpu * 1e6) / requests) / 1000,
  };
  if (upstream.length) {
    result.upstream = {
      connections: upstream.reduce((n, u) => n + u.connections, 0),
      peakOpen: Math.max(...upstream.map((u) => u.peakOpen)),
      requests: upstream.reduce((n, u) => n + u.requests, 0),
      unauthenticated: upstream.reduce((n, u) => n + u.unauthenticated, 0),
    };
  }
  return result;
}

/**
 * For each concurrency, `seconds` of load per route in `rounds` turns. The stub's
 * counters are read around every minting round: connections it accepted, requests.
 */
export async function measureLoad(
  origin,
  stub,
  { serverPid, seconds, rounds, warmupSeconds, concurrencies = [1, 50] },
) {
  for (const route of ROUTES) await round(origin, route, 50, warmupSeconds);
  const results = Object.fromEntries(ROUTES.map((r) => [r.name, {}]));
  for (const connections of concurrencies) {
    const raw = ROUTES.map(() => ({ rounds: [], upstream: [], cpu: 0 }));
    for (let i = 0; i < rounds; i++) {
      for (let j = 0; j < ROUTES.length; j++) {
        const k = (i + j) % ROUTES.length; // rotate who goes first
        const route = ROUTES[k];
        await stub.reset();
        const cpuBefore = cpuSeconds(serverPid);
        raw[k].rounds.push(await round(origin, route, connections, seconds / rounds));
        const cpuAfter = cpuSeconds(serverPid);
        raw[k].cpu =
          cpuBefore === null || cpuAfter === null || raw[k].cpu === null
            ? null
            : raw[k].cpu + cpuAfter - cpuBefore;
        if (route.body) raw[k].upstream.push(await stub.stats());
      }
    }
    ROUTES.forEach((route, k) => {
      results[route.name][`c${connections}`] = merge(
        origin,
        route,
        connections,
        raw[k].rounds,
        raw[k].upstream,
        raw[k].cpu,
      );
    });
  }
  return results;
}
