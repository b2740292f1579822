/**
 * Wallet address checks per catalog network (mainnet only). The same code runs in the
 * browser as the user types and on the server as the authority, so it uses no Node APIs
 * and never throws: every failure becomes a reason a person can act on.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { base58, bech32, bech32m, createBase58check } from "@scure/base";
import { findNetwork, type AddressFamily } from "./catalog";

export type AddressCheck = { ok: true } | { ok: false; reason: string };

const OK: AddressCheck = { ok: true };
const fail = (reason: string): AddressCheck => ({ ok: false, reason });

// Real addresses here are at most ~75 characters; the cap keeps pasted junk away from
// the decoders (base58 decoding is quadratic in the input length).
const MAX_LENGTH = 128;
const BASE58_CHARS = /^[1-9A-HJ-NP-Za-km-z]+$/;
const BECH32_CHARS = /^[qpzry9x8gf2tvdw0s3jn54khce6mua7l]+$/;
const base58check = createBase58check(sha256);

function checkEvm(address: string): AddressCheck {
  if (!address.startsWith("0x")) return fail("Not an EVM address: it should start with 0x.");
  const hex = address.slice(2);
  if (!/^[0-9a-fA-F]*$/.test(hex))
    return fail("Not an EVM address: only 0–9 and a–f may follow 0x.");
  if (hex.length !== 40) {
    return fail(`Not an EVM address: expected 40 hex characters after 0x, got ${hex.length}.`);
  }
  // Well formed, and owned by no one: whatever is sent there is gone for good.
  if (/^0+$/.test(hex))
    return fail("This is the zero address: crypto sent to it is lost. Enter your own wallet's.");
  // Single-case addresses carry no checksum: EIP-55 is opt-in through capitalisation.
  if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) return OK;
  const hash = bytesToHex(keccak_256(utf8ToBytes(hex.toLowerCase())));
  for (let i = 0; i < hex.length; i++) {
    const c = hex.charAt(i);
    if (/[a-f]/i.test(c) && (c === c.toUpperCase()) !== parseInt(hash.charAt(i), 16) >= 8) {
      return fail(
        "This address's capitalisation does not match its EIP-55 checksum: check for a typo.",
      );
    }
  }
  return OK;
}

type UtxoRules = { name: string; hrp: string; versions: readonly number[] };

const BITCOIN: UtxoRules = { name: "Bitcoin", hrp: "bc", versions: [0x00, 0x05] };
// 0x05 (3…) is Litecoin's legacy P2SH prefix, shared with Bitcoin and still in use.
const LITECOIN: UtxoRules = { name: "Litecoin", hrp: "ltc", versions: [0x30, 0x32, 0x05] };

function checkUtxo(rules: UtxoRules, address: string): AddressCheck {
  const lower = address.toLowerCase();
  if (lower.startsWith(`${rules.hrp}1`)) return checkSegwit(rules, address);
  // A whole bech32 address of another network (tb1… on Bitcoin's testnet, another coin's), its
  // checksum included, so that no legacy address (Litecoin's L…1…) is taken for one: said so,
  // not as characters addresses never use.
  const other = (bech32.decodeUnsafe(lower, false) ?? bech32m.decodeUnsafe(lower, false))?.prefix;
  if (other)
    return fail(
      `Not a ${rules.name} mainnet address: "${other}1…" addresses are for a test network or another coin.`,
    );
  return checkBase58check(rules, address);
}

function checkBase58check({ name, versions }: UtxoRules, address: string): AddressCheck {
  if (!BASE58_CHARS.test(address)) {
    return fail(
      `Not a ${name} address: it has characters addresses never use (0, O, I, l, symbols).`,
    );
  }
  let payload: Uint8Array;
  try {
    payload = base58check.decode(address);
  } catch {
    return fail(`Not a ${name} address: its checksum does not match, check for a typo.`);
  }
  // Version byte + 20-byte hash; other versions are testnet or other coins.
  if (payload.length !== 21 || !versions.includes(payload[0] ?? -1)) {
    return fail(`Not a ${name} mainnet address: unrecognised type or length.`);
  }
  return OK;
}

/** BIP 173 / BIP 350: v0 uses bech32, v1–16 use bech32m (the checksum constant differs). */
function checkSegwit({ name, hrp }: UtxoRules, address: string): AddressCheck {
  const bad = (why: string) => fail(`Not a ${name} address: ${why}.`);
  if (address !== address.toLowerCase() && address !== address.toUpperCase()) {
    return bad("it mixes upper- and lower-case letters");
  }
  const lower = address.toLowerCase();
  if (!BECH32_CHARS.test(lower.slice(hrp.length + 1))) {
    return bad(`after "${hrp}1" it has characters these addresses never use (1, b, i, o, symbols)`);
  }
  const asBech32 = bech32.decodeUnsafe(lower, false);
  const decoded = asBech32 ?? bech32m.decodeUnsafe(lower, false);
  if (!decoded) return bad("its checksum does not match, check for a typo");
  const [version, ...rest] = decoded.words;
  const program = bech32.fromWordsUnsafe(rest);
  if (version === undefined || version > 16 || !program) return bad("malformed witness program");
  if (version === 0) {
    if (!asBech32) return bad("a version 0 address must use bech32, not bech32m");
    return program.length === 20 || program.length === 32 ? OK : bad("wrong length");
  }
  if (asBech32) return bad(`a version ${version} address must use bech32m, not bech32`);
  // v1 is taproot, always a 32-byte key; other lengths are anyone-can-spend today.
  if (version === 1 && program.length !== 32) return bad("a taproot address holds 32 bytes");
  return program.length >= 2 && program.length <= 40 ? OK : bad("wrong length");
}

function checkSolana(address: string): AddressCheck {
  if (!BASE58_CHARS.test(address)) {
    return fail("Not a Solana address: it has characters base58 never uses (0, O, I, l, symbols).");
  }
  // Plain base58 has no checksum, so the 32-byte key length is all there is to check.
  const length = base58.decode(address).length;
  return length === 32
    ? OK
    : fail(`Not a Solana address: it decodes to ${length} bytes instead of 32.`);
}

/**
 * `prefix`: input starting with it is a mistyped address of this family, not another's.
 * Solana has none, and no checksum either, so passing its check is weak evidence.
 */
type Family = { check: (address: string) => AddressCheck; prefix?: string; label: string };

const FAMILIES: Record<AddressFamily, Family> = {
  evm: { check: checkEvm, prefix: "0x", label: "an EVM (Ethereum-style)" },
  bitcoin: { check: (a) => checkUtxo(BITCOIN, a), prefix: "bc1", label: "a Bitcoin" },
  litecoin: { check: (a) => checkUtxo(LITECOIN, a), prefix: "ltc1", label: "a Litecoin" },
  solana: { check: checkSolana, label: "a Solana" },
};

const PLACEHOLDERS: Record<AddressFamily, string> = {
  evm: "0x…",
  bitcoin: "bc1… or 1… or 3…",
  litecoin: "ltc1… or L… or M…",
  solana: "base58, 32–44 characters",
};

/**
 * The one spelling of a valid address that Coinbase gets and the ledger keeps. A bech32
 * address (`bc1…`, `ltc1…`) may be written all in capitals (QR codes do), but lower case is its
 * canonical form (BIP 173) and the one Coinbase reports: a row kept in capitals would never be
 * matched to the purchase. Every other address is kept as written (base58 is case-sensitive;
 * an EVM address's capitals are its checksum).
 */
export function canonicalAddress(network: string, address: string): string {
  const family = findNetwork(network)?.family;
  const bech32 = (family === "bitcoin" || family === "litecoin") && FAMILIES[family].prefix;
  return bech32 && address.toLowerCase().startsWith(bech32) ? address.toLowerCase() : address;
}

/** Checks `address` as written on `network` (a catalog network id). */
export function checkAddress(network: string, address: string): AddressCheck {
  const net = findNetwork(network);
  if (!net) return fail("Unknown network.");
  if (typeof address !== "string" || address.trim() === "") return fail("Enter a wallet address.");
  if (address.length > MAX_LENGTH) {
    return fail(`This is too long to be a wallet address (over ${MAX_LENGTH} characters).`);
  }
  // Not trimmed here: the form should show what will be sent, so ask the user to fix it.
  if (address !== address.trim()) return fail("Remove the spaces before or after the address.");
  try {
    const own = FAMILIES[net.family];
    const result = own.check(address);
    // A prefixed family's own verdict stands: a pass, or the reason for a typo in its format.
    if (own.prefix && (result.ok || address.toLowerCase().startsWith(own.prefix))) return result;
    // Else a pass on another family is the likelier story. Solana has no checksum, so it
    // accepts any 32-byte base58 string, including some upper-case "LTC1Q…" addresses.
    const families = Object.keys(FAMILIES) as AddressFamily[];
    const other = families.find((f) => f !== net.family && FAMILIES[f].check(address).ok);
    return other
      ? fail(`This looks like ${FAMILIES[other].label} address, not one for ${net.name}.`)
      : result;
  } catch {
    return fail("This address could not be read: check for a typo.");
  }
}

/** A short hint for the address input's placeholder; empty for an unknown network. */
export function addressPlaceholder(network: string): string {
  const net = findNetwork(network);
  return net ? PLACEHOLDERS[net.family] : "";
}
