import type { RampTransactionRow } from "@/lib/db/schema";
import type { Money } from "@/lib/ramp/quote-schema";
import { amountOfAsset } from "./asset-amount";

/** What a Coinbase report tells of the `started` row it came from (find-origin.ts). */
export interface OriginClues {
  asset: string;
  network: string;
  /** A buy's destination wallet (`walletAddress`), a sale's source wallet (`fromAddress`). */
  address?: string;
  crypto?: Money;
  /** A buy's payment total; a sale's total, what the user gets after `fees`. */
  fiat?: Money;
  fees?: Money[];
}

const EVM_ADDRESS = /^0x[0-9a-f]{40}$/i;

/**
 * Whether Coinbase's address is the one the row's session token was minted for. EVM
 * addresses are compared whatever their case: capitals there are only a checksum (EIP-55),
 * and Coinbase reports the checksummed form of an address the user may have typed in lower
 * case. Any other address is compared exactly (base58, used by Solana, is case-sensitive).
 * No address reported is no match: the report then proves nothing about whose row it is.
 */
export function sameAddress(ours: string | null, theirs: string | undefined): boolean {
  if (!ours || !theirs) return false;
  if (EVM_ADDRESS.test(ours) && EVM_ADDRESS.test(theirs))
    return ours.toLowerCase() === theirs.toLowerCase();
  return ours === theirs;
}

/**
 * Whether Coinbase's figure is the amount the row asked for: the crypto amount when the row
 * preset one (the pay URL then preset it, not the fiat), else the fiat amount, in its
 * currency when the row names one. A sale's fiat amount is the worth asked for, before
 * Coinbase's fee: its total with the fee added back. The user may change the amount on
 * Coinbase's page, so this only ranks rows (find-origin.ts); it never excludes one.
 */
export function askedAmountMatches(row: RampTransactionRow, report: OriginClues): boolean {
  if (row.cryptoAmount)
    return sameDecimal(row.cryptoAmount, amountOfAsset(report.crypto, report.asset || row.asset));
  const fiat = report.fiat;
  if (!row.fiatAmount || !fiat) return false;
  if (row.fiatCurrency && row.fiatCurrency !== fiat.currency) return false;
  if (row.side !== "sell") return sameDecimal(row.fiatAmount, fiat.value);
  const fee = report.fees?.find((f) => f.currency === fiat.currency);
  return sameDecimal(row.fiatAmount, fee ? addDecimals(fiat.value, fee.value) : fiat.value);
}

/** `a + b`, exactly, for plain decimals ("29.7" + "0.30" is "30.00"); undefined otherwise. */
function addDecimals(a: string, b: string): string | undefined {
  const [x, y] = [DECIMAL.exec(a.trim()), DECIMAL.exec(b.trim())];
  if (!x || !y) return undefined;
  const scale = Math.max((x[2] ?? "").length, (y[2] ?? "").length);
  const units = (m: RegExpExecArray) => BigInt(m[1]! + (m[2] ?? "").padEnd(scale, "0"));
  const sum = (units(x) + units(y)).toString().padStart(scale + 1, "0");
  return scale === 0 ? sum : `${sum.slice(0, -scale)}.${sum.slice(-scale)}`;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** "31" and "31.00" are one amount; compared as text, without floating point. */
function sameDecimal(a: string, b: string | undefined): boolean {
  return b !== undefined && canonical(a) === canonical(b);
}

function canonical(value: string): string {
  const match = DECIMAL.exec(value.trim());
  if (!match) return value.trim();
  const whole = match[1]!.replace(/^0+(?=\d)/, "");
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole;
}
