import { NextResponse } from "next/server";
import { AppError } from "@/lib/http/app-error";
import { toFieldIssues } from "@/lib/http/field-issues";
import { handle } from "@/lib/http/handle";
import { AuthorizeQuerySchema } from "@/lib/oauth/authorize-schema";
import { startAuthorization } from "@/lib/oauth/start-authorization";

export async function GET(request: Request) {
  return handle(request, async () => {
    const parsed = AuthorizeQuerySchema.safeParse(
      Object.fromEntries(new URL(request.url).searchParams),
    );
    if (!parsed.success) {
      throw new AppError("invalid_request", 400, "Some parameters are missing or invalid", {
        issues: toFieldIssues(parsed.error),
      });
    }
    const { url, cookie } = await startAuthorization(parsed.data);
    const response = NextResponse.redirect(url, 303);
    response.cookies.set(cookie.name, cookie.value, cookie.options);
    response.headers.set("cache-control", "no-store");
    return response;
  });
}
