import ipaddr from "ipaddr.js";

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
  const parsed = ipaddr.process(address);
  return ranges.some((range) => {
    const [network, prefix] = ipaddr.parseCIDR(range);
    const net = network.kind() === "ipv6" ? ipaddr.process(network.toString()) : network;
    return parsed.kind() === net.kind() && parsed.match(net, prefix);
  });
}
