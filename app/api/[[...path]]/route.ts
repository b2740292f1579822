import { noSuchApiRoute } from "@/lib/http/other-methods";

// Any path under /api that no route above serves.
export const GET = noSuchApiRoute;
export const POST = noSuchApiRoute;
export const PUT = noSuchApiRoute;
export const PATCH = noSuchApiRoute;
export const DELETE = noSuchApiRoute;
export const OPTIONS = noSuchApiRoute;
