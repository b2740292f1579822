import { ASSETS, findAsset, type CashoutMethod, type FiatCurrency, type PaymentMethod } from "@/lib/ramp/catalog";

export type Side = "buy" | "sell";
export type AmountIn = "fiat" | "crypto";

/** Everything the buy/sell form holds, as the user typed it. */
export interface RampFormValues {
  asset: string;
  network: string;
  address: string;
  amountIn: AmountIn;
  amount: string;
  fiatCurrency: FiatCurrency;
  method: PaymentMethod | CashoutMethod;
}

export function initialValues(side: Side): RampFormValues {
  const asset = ASSETS[0];
  return {
    asset: asset.symbol,
    network: asset.networks[0],
    address: "",
    amountIn: "fiat",
    amount: side === "buy" ? "50" : "",
    fiatCurrency: "USD",
    method: side === "buy" ? "CARD" : "FIAT_WALLET",
  };
}

/** The API body for these values: empty fields are left out rather than sent blank. */
export function toRequestBody(side: Side, values: RampFormValues, partnerUserRef: string) {
  const amount = values.amount.trim();
  return {
    address: values.address,
    network: values.network,
    asset: values.asset,
    ...(amount && values.amountIn === "fiat" ? { fiatAmount: amount } : {}),
    ...(amount && values.amountIn === "crypto" ? { cryptoAmount: amount } : {}),
    fiatCurrency: values.fiatCurrency,
    ...(side === "buy" ? { paymentMethod: values.method } : { cashoutMethod: values.method }),
    partnerUserRef,
  };
}

/** Picking another asset keeps the network when the new asset is offered on it. */
export function withAsset(values: RampFormValues, symbol: string): RampFormValues {
  const networks = findAsset(symbol)?.networks ?? [];
  const network = networks.some((n) => n === values.network) ? values.network : (networks[0] ?? values.network);
  return { ...values, asset: symbol, network };
}
