/** Liveness for load balancers, and the baseline the benchmark measures a request's cost against. */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
