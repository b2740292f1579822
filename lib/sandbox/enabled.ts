import "server-only";
import { getConfig } from "@/lib/config/env";

/** The ramp sandbox (`/sandbox/cdp`, `/sandbox/pay`) exists only while no CDP key is set. */
export function rampSandboxEnabled(): boolean {
  return getConfig().ramp.mode === "sandbox";
}

/** The OAuth sandbox (`/sandbox/login`, `/sandbox/api`) exists only while no OAuth client is set. */
export function oauthSandboxEnabled(): boolean {
  return getConfig().oauth.mode === "sandbox";
}

/** What a sandbox route answers in live mode: the sandbox does not exist there. */
export function sandboxNotFound(): Response {
  return new Response("Not Found", { status: 404, headers: { "content-type": "text/plain" } });
}
