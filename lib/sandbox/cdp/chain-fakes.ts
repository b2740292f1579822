import "server-only";
import { randomBytes } from "node:crypto";
import { base58, bech32 } from "@scure/base";
import { findNetwork } from "@/lib/ramp/catalog";

/**
 * Made-up but well-formed chain data: addresses that pass the app's address checks for
 * their network, and transaction hashes in each chain's usual notation.
 */
export function newDepositAddress(network: string): string {
  switch (findNetwork(network)?.family) {
    case "bitcoin":
      return segwitV0("bc");
    case "litecoin":
      return segwitV0("ltc");
    case "solana":
      return base58.encode(randomBytes(32));
    default:
      return `0x${randomBytes(20).toString("hex")}`;
  }
}

export function fakeTxHash(network: string): string {
  switch (findNetwork(network)?.family) {
    case "bitcoin":
    case "litecoin":
      return randomBytes(32).toString("hex");
    case "solana":
      return base58.encode(randomBytes(64));
    default:
      return `0x${randomBytes(32).toString("hex")}`;
  }
}

/** A pay-to-witness-public-key-hash address (BIP 173): version 0 and a 20-byte program. */
function segwitV0(hrp: string): string {
  return bech32.encode(hrp, [0, ...bech32.toWords(randomBytes(20))]);
}
