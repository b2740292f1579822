import { refuseOtherMethods } from "@/lib/http/other-methods";

/** Liveness for load balancers, and the baseline the benchmark measures a request's cost against. */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET");
