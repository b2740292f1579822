import "server-only";

export interface CookieOptions {
  httpOnly: boolean;
  sameSite: "lax" | "strict";
  secure: boolean;
  path: string;
  maxAge: number;
}

/**
 * A Set-Cookie header value. Used on the minting path, where building a NextResponse
 * just to set one cookie costs measurably more. Values must already be cookie-safe
 * (ours are base64url and hex).
 */
export function serializeCookie(name: string, value: string, o: CookieOptions): string {
  return [
    `${name}=${value}`,
    `Path=${o.path}`,
    `Max-Age=${o.maxAge}`,
    ...(o.httpOnly ? ["HttpOnly"] : []),
    `SameSite=${o.sameSite === "lax" ? "Lax" : "Strict"}`,
    ...(o.secure ? ["Secure"] : []),
  ].join("; ");
}
