import type { RampTransactionRow } from "@/lib/db/schema";
import type { Money } from "@/lib/ramp/quote-schema";

/** What a Coinbase report tells of the `started` row it came from (find-origin.ts). */
export interface OriginClues {
  asset: string;
  network: string;
  /** A buy's destination wallet (`walletAddress`), a sale's source wallet (`fromAddress`). */
  address?: string;
  crypto?: Money;
  fiat?: Money;
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
 * currency when the row names one. The user may change the amount on Coinbase's page, so
 * this only ranks rows (find-origin.ts); it never excludes one.
 */
export function askedAmountMatches(row: RampTransactionRow, report: OriginClues): boolean {
  if (row.cryptoAmount) return sameDecimal(row.cryptoAmount, report.crypto?.value);
  if (!row.fiatAmount || !report.fiat) return false;
  if (row.fiatCurrency && row.fiatCurrency !== report.fiat.currency) return false;
  return sameDecimal(row.fiatAmount, report.fiat.value);
}

/** "31" and "31.00" are one amount; compared as text, without floating point. */
function sameDecimal(a: string, b: string | undefined): boolean {
  return b !== undefined && canonical(a) === canonical(b);
}

function canonical(value: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return value.trim();
  const whole = match[1]!.replace(/^0+(?=\d)/, "");
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole;
}
