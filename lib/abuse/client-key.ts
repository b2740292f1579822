import "server-only";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { hopAddress } from "@/lib/http/client-ip";

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
): string {
  const key = trustProxyHeaders
    ? (clientIp ?? hopAddress(headers.get("x-forwarded-for")?.split(",").pop() ?? "unknown"))
    : (headers.get("x-forwarded-for")?.slice(0, 200) ?? "unknown");
  return addressGroup(key);
}

/**
 * The unit a rate limit counts. An IPv6 subscriber gets a whole /64 (or more) and picks
 * addresses in it at will, so an IPv6 address counts as its /64, in one spelling
 * (`2001:db8:1:2::/64`). IPv4 counts per address, also when written as IPv6
 * (`::ffff:192.0.2.1`). Anything that is not a single address is left as it is.
 */
export function addressGroup(key: string): string {
  const text = key.trim();
  // Node reads `fe80::1%eth0` (a zone) as IPv6; ipaddr.js may not (`::1%-` throws): as it is.
  if (isIP(text) === 0 || text.includes("%")) return key;
  const address = ipaddr.process(text);
  if (address.kind() === "ipv4") return address.toString();
  const network = (address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${network.join(":")}::/64`;
}

/**
 * A client's site, for a limit one visitor should not multiply by its addresses: an IPv6 group
 * widened from its /64 to the /56 a home line is given (256 /64s, each otherwise a client of
 * its own), in one spelling (`2001:db8:1:200::/56`). An IPv4 address, or anything else, as it is.
 */
export function siteGroup(group: string): string {
  const parts = /^([\da-f]{1,4}:[\da-f]{1,4}:[\da-f]{1,4}):([\da-f]{1,4})::\/64$/.exec(group);
  if (!parts) return group;
  const line = (parseInt(parts[2]!, 16) & 0xff00).toString(16);
  return `${parts[1]}:${line}::/56`;
}
