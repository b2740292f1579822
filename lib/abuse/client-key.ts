import "server-only";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { hopAddress } from "@/lib/http/client-ip";

type Ipv6Prefix = 64 | 56;

/**
 * Who counts as one client. Behind a trusted proxy, the IP it reports. Otherwise
 * Next.js has filled X-Forwarded-For from the socket unless the client sent its own:
 * that is the best key available without a proxy (see the README's security model).
 * Either way, an address counts as its group (see `addressGroup`).
 */
export function rateLimitKey(
  headers: Headers,
  trustProxyHeaders: boolean,
  clientIp: string | undefined,
  ipv6Prefix: Ipv6Prefix = 64,
): string {
  const key = trustProxyHeaders
    ? (clientIp ?? hopAddress(headers.get("x-forwarded-for")?.split(",").pop() ?? "unknown"))
    : (headers.get("x-forwarded-for")?.slice(0, 200) ?? "unknown");
  return addressGroup(key, ipv6Prefix);
}

/**
 * The unit a rate limit counts. An IPv6 subscriber gets a whole /64 (or more) and picks
 * addresses in it at will, so an IPv6 address counts as its /64, in one spelling
 * (`2001:db8:1:2::/64`); or as the /56 a home line is given (256 /64s), for a limit one visitor
 * must not multiply by its addresses (`2001:db8:1:200::/56`). IPv4 counts per address, also
 * when written as IPv6 (`::ffff:192.0.2.1`). Anything that is not a single address is left as
 * it is.
 */
export function addressGroup(key: string, ipv6Prefix: Ipv6Prefix = 64): string {
  const text = key.trim();
  // Node reads `fe80::1%eth0` (a zone) as IPv6; ipaddr.js may not (`::1%-` throws): as it is.
  if (isIP(text) === 0 || text.includes("%")) return key;
  const address = ipaddr.process(text);
  if (address.kind() === "ipv4") return address.toString();
  const network = (address as ipaddr.IPv6).parts.slice(0, 4);
  if (ipv6Prefix === 56) network[3] = network[3]! & 0xff00;
  return `${network.map((part) => part.toString(16)).join(":")}::/${ipv6Prefix}`;
}
