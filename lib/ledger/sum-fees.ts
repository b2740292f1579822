import type { Money } from "@/lib/ramp/quote-schema";

/**
 * The ledger keeps one fee figure: what the user paid Coinbase and the network together.
 * Coinbase sends fees as decimal strings in the payment currency; they are added as
 * scaled integers, since floating point would turn 0.1 + 0.2 into 0.30000000000000004.
 * Fees in different currencies cannot be added: then the ledger keeps none.
 */
export function sumFees(fees: Money[]): Money | undefined {
  const currency = fees[0]?.currency;
  if (!currency || fees.some((f) => f.currency !== currency)) return undefined;
  const parsed = fees.map((f) => /^(\d+)(?:\.(\d+))?$/.exec(f.value.trim()));
  if (parsed.some((m) => !m)) return undefined;
  const places = Math.max(...parsed.map((m) => m![2]?.length ?? 0));
  const total = parsed.reduce(
    (sum, m) => sum + BigInt(m![1]! + (m![2] ?? "").padEnd(places, "0")),
    0n,
  );
  const digits = total.toString().padStart(places + 1, "0");
  const value = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return { value, currency };
}
