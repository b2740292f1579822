import { isLoopbackHost } from "@/lib/http/loopback";

/**
 * Coinbase delivers webhooks only to https URLs. Plain http is allowed for a receiver on
 * this machine (`localhost`, `127.0.0.1`, `[::1]`), which is how the sandbox reaches the app.
 */
export function isLoopbackHttpUrl(url: URL): boolean {
  return url.protocol === "http:" && isLoopbackHost(url.hostname);
}

/** The problem with a webhook target URL, or null when it is acceptable. */
export function targetUrlProblem(text: string, allowLoopbackHttp: boolean): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "the webhook URL is not an absolute URL such as https://your-app.example/api/webhooks/coinbase";
  }
  if (url.username || url.password) return "the webhook URL must not carry a user name or password";
  if (url.protocol === "https:") return null;
  if (allowLoopbackHttp && isLoopbackHttpUrl(url)) return null;
  return allowLoopbackHttp
    ? "the webhook URL must start with https:// (or be http://localhost for a local receiver)"
    : "the webhook URL must start with https://: Coinbase delivers only to https endpoints";
}
