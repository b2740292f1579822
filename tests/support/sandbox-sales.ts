import { recordSell } from "../../lib/sandbox/cdp/transactions";

/**
 * A sandbox sale as the sell pay page records it: 50 USDC on Base to the cash balance, for
 * `partnerUserRef`. Returns its id.
 */
export function recordUsdcSale(partnerUserRef: string, now?: number): string {
  const money = (value: string, currency: string) => ({ value, currency });
  return recordSell(
    {
      partnerUserRef,
      asset: "USDC",
      network: "base",
      sellAmount: money("50.00000000", "USDC"),
      total: money("49.00", "USD"),
      coinbaseFee: money("1.00", "USD"),
      cashoutMethod: "FIAT_WALLET",
      fromAddress: "0x52908400098527886e0f7030069857d2e4169ee7",
    },
    now,
  );
}
