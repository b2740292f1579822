import ipaddr from "ipaddr.js";

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

// Ranges come from the configuration: each is parsed once, not on every request that reads it.
const parsed = new Map<string, Range>();

function parsedRange(range: string): Range {
  let known = parsed.get(range);
  if (!known) {
    const [network, prefix] = ipaddr.parseCIDR(range);
    // An IPv4 range written as IPv6 (::ffff:…) matches as the IPv4 range it is.
    known = [network.kind() === "ipv6" ? ipaddr.process(network.toString()) : network, prefix];
    parsed.set(range, known);
  }
  return known;
}

/** Whether `range` is an address range written as `address/prefix` (IPv4 or IPv6). */
export function isCidr(range: string): boolean {
  try {
    ipaddr.parseCIDR(range);
    return true;
  } catch {
    return false;
  }
}

/** Whether `address` lies in one of `ranges` (IPv4 written as IPv6 counts as IPv4). */
export function inRanges(address: string, ranges: readonly string[]): boolean {
  if (ranges.length === 0 || !ipaddr.isValid(address)) return false;
  const candidate = ipaddr.process(address);
  return ranges.some((range) => {
    const [network, prefix] = parsedRange(range);
    return candidate.kind() === network.kind() && candidate.match(network, prefix);
  });
}
