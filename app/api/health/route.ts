/** Liveness for load balancers, and the ceiling the benchmark compares minting against. */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
