/**
 * Host names of this machine (`localhost`, `127.0.0.1`, `[::1]`, as `URL.hostname` gives
 * them): a URL naming one opens only here. Browser-safe.
 */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname);
}
