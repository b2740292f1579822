import "server-only";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

/**
 * A wallet address as Coinbase's transaction reports write it (`wallet_address`,
 * `fromAddress`…): an EVM address in its EIP-55 checksummed form, as every example in
 * Coinbase's OpenAPI is, whatever case the session token named it in; any other as given.
 * So an app that compares EVM addresses by case finds the sandbox disagreeing, as Coinbase
 * would. (EIP-55: a hex letter is upper case where the Keccak-256 of the lower-case
 * address has a nibble of 8 or more.)
 */
export function reportedAddress(address: string): string {
  if (!/^0x[0-9a-f]{40}$/i.test(address)) return address;
  const hex = address.slice(2).toLowerCase();
  const hash = bytesToHex(keccak_256(utf8ToBytes(hex)));
  const cased = [...hex].map((c, i) => (parseInt(hash[i]!, 16) >= 8 ? c.toUpperCase() : c));
  return `0x${cased.join("")}`;
}
