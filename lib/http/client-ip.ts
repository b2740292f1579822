import "server-only";
import { BlockList, isIP } from "node:net";
import { getConfig } from "@/lib/config/env";
import { inRanges } from "./address-ranges";

// Coinbase refuses private and loopback addresses as `clientIp`; so do we.
const nonPublic = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const)
  nonPublic.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  nonPublic.addSubnet(net, prefix, "ipv6");
}

export function isPublicIp(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const address = mapped ?? ip;
  const family = isIP(address);
  // A zone (`fe80::1%eth0`) names a link of the sender's own: never a public address.
  if (family === 0 || address.includes("%")) return false;
  return !nonPublic.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The end user's public IP, when we can know it. Next.js does not hand route handlers
 * the socket address; it copies it into X-Forwarded-For only when the client sent no
 * such header, so that header is the client's word unless a trusted proxy wrote it.
 * Hence: use it only with TRUST_PROXY_HEADERS, and read it from the right: each proxy
 * appends what it saw, so the right-most public hop is the one a client cannot forge
 * (private hops are our own load balancers; `trustedProxies`, a CDN's ranges, are read
 * past too: else every user behind one CDN edge would count as that edge).
 */
export function publicClientIp(
  headers: Headers,
  trustProxyHeaders: boolean,
  trustedProxies: readonly string[] = [],
): string | undefined {
  if (!trustProxyHeaders) return undefined;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map(hopAddress);
  return hops.reverse().find((hop) => isPublicIp(hop) && !inRanges(hop, trustedProxies));
}

/**
 * A hop's address. Some proxies write the port too (`203.0.113.5:54321`, `[2001:db8::5]:443`):
 * read as it is, no address would be found, and each new connection would count as a new client.
 */
export function hopAddress(hop: string): string {
  const text = hop.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) return bracketed[1]!;
  return /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(text)?.[1] ?? text;
}

/** `publicClientIp` as this app is configured (TRUST_PROXY_HEADERS, TRUSTED_PROXY_RANGES). */
export function configuredClientIp(headers: Headers): string | undefined {
  const { trustProxyHeaders, trustedProxyRanges } = getConfig();
  return publicClientIp(headers, trustProxyHeaders, trustedProxyRanges);
}
