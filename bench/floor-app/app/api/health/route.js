// The bare app's own health route, the same handler as the app's: what Next.js alone costs
// per request in an app with nothing else in it.
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
