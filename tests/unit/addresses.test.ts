import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, randomBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { base58, bech32, bech32m, createBase58check } from "@scure/base";
import { NETWORKS, type AddressFamily } from "../../lib/ramp/catalog";
import { addressPlaceholder, canonicalAddress, checkAddress } from "../../lib/ramp/addresses";
import { typedAddress } from "../../lib/ramp/typed-address";

// --- Builders: valid addresses are computed here, independently of the code under test.

/** EIP-55 checksummed form of a 20-byte address. */
function eip55(bytes: Uint8Array): string {
  const hex = bytesToHex(bytes);
  const hash = bytesToHex(keccak_256(utf8ToBytes(hex)));
  const chars = [...hex].map((c, i) => (parseInt(hash.charAt(i), 16) >= 8 ? c.toUpperCase() : c));
  return `0x${chars.join("")}`;
}

const b58check = createBase58check(sha256);
const legacy = (version: number, payload = randomBytes(20)) =>
  b58check.encode(Uint8Array.of(version, ...payload));

/** Segwit address; `coder` defaults to the one BIP 350 prescribes for the version. */
function segwit(
  hrp: string,
  version: number,
  program: Uint8Array,
  coder = version ? bech32m : bech32,
) {
  return coder.encode(hrp, [version, ...bech32.toWords(program)], false);
}

/** Replaces the character at `index` with a different one from the same alphabet. */
function flip(address: string, index: number, alphabet: string): string {
  const old = address.charAt(index);
  const replacement = [...alphabet].find((c) => c !== old.toLowerCase() && c !== old)!;
  return address.slice(0, index) + replacement + address.slice(index + 1);
}
const B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/** Toggles the case of the first a–f letter after 0x. */
function toggleFirstLetter(address: string): string {
  const i = address.slice(2).search(/[a-fA-F]/) + 2;
  const c = address.charAt(i);
  const t = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
  return address.slice(0, i) + t + address.slice(i + 1);
}

// --- Fixed, well-known addresses.

const EIP55_VECTORS = [
  "0x52908400098527886E0F7030069857D2E4169EE7",
  "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
  "0xde709f2102306220921060314715629080e2fb77",
  "0x27b1fdb04752bbc536007a920d24acb045561c26",
  "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
  "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
  "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
  "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
];
const BTC_P2PKH = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2";
const BTC_P2SH = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy";
const BTC_P2WPKH = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
const BTC_P2TR = "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297";
const SOL_WRAPPED = "So11111111111111111111111111111111111111112";
const EVM_SAMPLE = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

// --- Cases per address family, each invalid one with what its reason must mention.

type Cases = { valid: string[]; invalid: [address: string, reason: RegExp][] };

function utxoCases(hrp: string, versions: number[], foreign: [string, RegExp][]): Cases {
  const p2wpkh = segwit(hrp, 0, randomBytes(20));
  const legacyAddr = legacy(versions[0]!);
  return {
    valid: [
      ...versions.map((v) => legacy(v)),
      p2wpkh,
      p2wpkh.toUpperCase(), // BIP 173 allows all-uppercase
      segwit(hrp, 0, randomBytes(32)),
      segwit(hrp, 1, randomBytes(32)),
      segwit(hrp, 2, randomBytes(16)),
      segwit(hrp, 16, randomBytes(40)),
    ],
    invalid: [
      [flip(legacyAddr, 10, B58), /checksum/],
      [flip(p2wpkh, hrp.length + 8, BECH), /checksum/],
      [segwit(hrp, 0, randomBytes(20), bech32m), /bech32m/],
      [segwit(hrp, 1, randomBytes(32), bech32), /bech32m/],
      [segwit(hrp, 0, randomBytes(25)), /length/],
      [segwit(hrp, 1, randomBytes(20)), /32 bytes/],
      [segwit(hrp, 2, randomBytes(41)), /length/],
      [segwit(hrp, 2, randomBytes(1)), /length/],
      [segwit("tb", 0, randomBytes(20)), /test network or another coin/], // testnet hrp
      [legacy(0x6f), /mainnet/], // testnet P2PKH version
      [b58check.encode(Uint8Array.of(versions[0]!, ...randomBytes(19))), /mainnet/],
      [p2wpkh.slice(0, 8).toUpperCase() + p2wpkh.slice(8), /upper- and lower-case/],
      [legacyAddr.slice(0, 5) + "0" + legacyAddr.slice(6), /0, O, I, l/],
      [legacyAddr.slice(0, -1), /checksum/],
      [EVM_SAMPLE, /EVM/],
      [SOL_WRAPPED, /Solana/],
      ...foreign,
    ],
  };
}

const solanaKey = base58.encode(randomBytes(32));
const CASES: Record<AddressFamily, Cases> = {
  evm: {
    valid: [
      ...EIP55_VECTORS,
      eip55(randomBytes(20)),
      eip55(randomBytes(20)).toLowerCase(),
      `0x${bytesToHex(randomBytes(20)).toUpperCase()}`,
    ],
    invalid: [
      [toggleFirstLetter(EVM_SAMPLE), /EIP-55/],
      [toggleFirstLetter(eip55(Uint8Array.from({ length: 20 }, (_, i) => 0xa0 + i))), /EIP-55/],
      [EVM_SAMPLE.slice(0, -1), /40 hex/],
      [`${EVM_SAMPLE}a`, /40 hex/],
      [`0x${"g".repeat(40)}`, /a–f/],
      [EVM_SAMPLE.slice(2), /0x/],
      [`0X${EVM_SAMPLE.slice(2)}`, /0x/],
      [BTC_P2PKH, /Bitcoin/],
      [BTC_P2WPKH, /Bitcoin/],
      [SOL_WRAPPED, /Solana/],
      // Well formed, but nobody's: what is sent there is lost.
      ["0x0000000000000000000000000000000000000000", /zero address: crypto sent to it is lost/],
    ],
  },
  bitcoin: (() => {
    const cases = utxoCases(
      "bc",
      [0x00, 0x05],
      [
        [legacy(0x30), /Litecoin/],
        [legacy(0x32), /Litecoin/],
        [segwit("ltc", 0, randomBytes(20)), /Litecoin/],
      ],
    );
    cases.valid.push(BTC_P2PKH, BTC_P2SH, BTC_P2WPKH, BTC_P2TR);
    return cases;
  })(),
  litecoin: (() => {
    const cases = utxoCases(
      "ltc",
      [0x30, 0x32, 0x05],
      [
        [BTC_P2PKH, /Bitcoin/],
        [BTC_P2WPKH, /Bitcoin/],
        [BTC_P2TR, /Bitcoin/],
        [legacy(0x00), /Bitcoin/],
      ],
    );
    cases.valid.push(BTC_P2SH); // 3… P2SH is shared by both networks
    return cases;
  })(),
  solana: {
    valid: [
      SOL_WRAPPED,
      "11111111111111111111111111111111", // System Program (32 zero bytes)
      "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
      "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", // USDC mint
      solanaKey,
      base58.encode(new Uint8Array(32).fill(0xff)),
    ],
    invalid: [
      [base58.encode(randomBytes(31)), /31 bytes/],
      [base58.encode(Uint8Array.of(0xff, ...randomBytes(32))), /33 bytes/],
      [`${solanaKey.slice(0, 10)}0${solanaKey.slice(11)}`, /0, O, I, l/],
      [`${solanaKey.slice(0, 10)}O${solanaKey.slice(11)}`, /base58/],
      [`${solanaKey.slice(0, 10)}l${solanaKey.slice(11)}`, /base58/],
      [EVM_SAMPLE, /EVM/],
      [EVM_SAMPLE.toLowerCase(), /EVM/],
      [BTC_P2PKH, /Bitcoin/],
    ],
  },
};

const COMMON_INVALID: [string, RegExp][] = [
  ["", /^Enter a wallet address\.$/],
  ["   ", /^Enter a wallet address\.$/],
  ["x".repeat(200), /too long/],
  ["1".repeat(129), /too long/],
];

describe("checkAddress", () => {
  for (const network of NETWORKS) {
    describe(`${network.id} (${network.family})`, () => {
      const cases = CASES[network.family];

      test("has cases for its address family", () => {
        assert.ok(cases, `no address cases for family "${network.family}"`);
        assert.ok(cases.valid.length >= 1);
        assert.ok(cases.invalid.length >= 3);
      });

      test("accepts valid addresses", () => {
        for (const address of cases?.valid ?? []) {
          assert.deepEqual(checkAddress(network.id, address), { ok: true }, address);
        }
      });

      test("rejects invalid addresses with a matching reason", () => {
        for (const [address, reason] of [...(cases?.invalid ?? []), ...COMMON_INVALID]) {
          const result = checkAddress(network.id, address);
          assert.equal(result.ok, false, `${address} should be invalid`);
          if (!result.ok) assert.match(result.reason, reason, address);
        }
      });

      test("rejects a valid address wrapped in spaces", () => {
        const address = cases?.valid[0] ?? "";
        for (const padded of [` ${address}`, `${address} `, `\t${address}\n`]) {
          const result = checkAddress(network.id, padded);
          assert.equal(result.ok, false);
          if (!result.ok) assert.match(result.reason, /spaces/);
        }
      });

      test("has a placeholder", () => {
        assert.ok(addressPlaceholder(network.id).length > 0);
      });
    });
  }

  // Solana has no checksum: an upper-case "LTC1Q…" (valid bech32, common in QR codes) with
  // no "0" in it can also be 32 bytes of base58. Search for such strings.
  function solanaLookalike(make: () => string): string {
    for (let i = 0; i < 20_000; i++) {
      const candidate = make();
      if (BASE58_RE.test(candidate) && base58.decode(candidate).length === 32) return candidate;
    }
    throw new Error("no Solana lookalike found");
  }
  const BASE58_RE = /^[1-9A-HJ-NP-Za-km-z]+$/;
  const upperLtc = () => segwit("ltc", 0, randomBytes(20)).toUpperCase();

  test("a valid upper-case Litecoin address is not accepted as a Solana one", () => {
    const address = solanaLookalike(upperLtc);
    assert.deepEqual(checkAddress("litecoin", address), { ok: true });
    const result = checkAddress("solana", address);
    assert.equal(result.ok, false, address);
    if (!result.ok) assert.match(result.reason, /Litecoin/);
  });

  test("a mistyped Litecoin address is reported as a typo, not as a Solana address", () => {
    const address = solanaLookalike(() => flip(upperLtc(), 12, BECH.toUpperCase()));
    const result = checkAddress("litecoin", address);
    assert.equal(result.ok, false, address);
    if (!result.ok) assert.match(result.reason, /checksum/);
  });

  test("a Litecoin legacy address that reads like another network's bech32 (lb1…, m…1…) is still one", () => {
    // About one in a hundred L… and M… addresses is letters, a "1", then only bech32's characters.
    const lookalikes = Array.from({ length: 3000 }, (_, i) => legacy(i % 2 ? 0x30 : 0x32)).filter(
      (address) =>
        /^[a-z]{1,83}1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{6,}$/.test(address.toLowerCase()),
    );
    assert.ok(lookalikes.length > 0, "some were made");
    for (const address of lookalikes)
      assert.deepEqual(checkAddress("litecoin", address), { ok: true }, address);
  });

  test("rejects an unknown network", () => {
    assert.deepEqual(checkAddress("dogecoin", BTC_P2PKH), {
      ok: false,
      reason: "Unknown network.",
    });
    assert.equal(addressPlaceholder("dogecoin"), "");
  });

  test("never throws on odd input", () => {
    const odd = [
      "0x",
      "bc1",
      "ltc1",
      "1",
      "bc1" + "q".repeat(100),
      "💸",
      "\u0000",
      "a b",
      "ltc1\u0130",
    ];
    for (const network of NETWORKS) {
      for (const address of odd) {
        const result = checkAddress(network.id, address);
        assert.equal(result.ok, false, `${network.id}: ${address}`);
      }
    }
  });
});

describe("typedAddress: an address as the forms read what was typed or pasted", () => {
  test("spaces and line breaks pasted with it go, and what is left passes the check", () => {
    for (const pasted of [`  ${EVM_SAMPLE} `, `${EVM_SAMPLE}\n`, `\t${BTC_P2WPKH}\r\n`]) {
      const address = typedAddress(pasted);
      assert.equal(address, pasted.trim());
      assert.ok(checkAddress(address.startsWith("0x") ? "base" : "bitcoin", address).ok, pasted);
    }
    // Wrapped by a chat or an email, the same address.
    assert.equal(typedAddress(`${EVM_SAMPLE.slice(0, 20)}\n${EVM_SAMPLE.slice(20)}`), EVM_SAMPLE);
  });
});

describe("canonicalAddress: the spelling Coinbase gets and the ledger keeps", () => {
  test("a bech32 address written in capitals (as QR codes write it) is lower-cased", () => {
    const btc = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
    assert.equal(checkAddress("bitcoin", btc.toUpperCase()).ok, true);
    assert.equal(canonicalAddress("bitcoin", btc.toUpperCase()), btc);
    assert.equal(canonicalAddress("bitcoin", btc), btc);
    const ltc = "ltc1qg82tr5wfxyyk4xgm4d7fhyrv4nc7vlyh0tn0y5";
    assert.equal(canonicalAddress("litecoin", ltc.toUpperCase()), ltc);
  });

  test("every other address is kept as written: base58 is case-sensitive, EVM capitals a checksum", () => {
    const legacy = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2";
    assert.equal(canonicalAddress("bitcoin", legacy), legacy);
    const evm = "0x52908400098527886E0F7030069857D2E4169EE7";
    assert.equal(canonicalAddress("base", evm), evm);
    // A Solana address may begin with "BC1" too: it is not bech32.
    const solana = "BC1" + "x".repeat(41);
    assert.equal(canonicalAddress("solana", solana), solana);
  });
});
