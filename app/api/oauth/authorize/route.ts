import { NextResponse } from "next/server";
import { handle } from "@/lib/http/handle";
import { readQuery } from "@/lib/http/read-query";
import { AuthorizeQuerySchema } from "@/lib/oauth/authorize-schema";
import { startAuthorization } from "@/lib/oauth/start-authorization";
import { refuseOtherMethods } from "@/lib/http/other-methods";

export async function GET(request: Request) {
  return handle(request, async () => {
    const { url, cookie } = await startAuthorization(readQuery(request, AuthorizeQuerySchema));
    const response = NextResponse.redirect(url, 303);
    response.cookies.set(cookie.name, cookie.value, cookie.options);
    response.headers.set("cache-control", "no-store");
    return response;
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET");
