import "server-only";
import { notFound } from "next/navigation";
import { SandboxCheckoutError } from "@/components/sandbox/SandboxCheckout";
import { DepositPanel } from "@/components/sandbox/pay/DepositPanel";
import { findSellTransaction, transactionExists } from "../cdp/transactions";
import { rampSandboxEnabled } from "../enabled";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `/sandbox/pay/deposit?transactionId=…`: a pending sell's deposit details, and the button that simulates it. */
export async function renderDepositPage(searchParams: SearchParams, now = Date.now()) {
  if (!rampSandboxEnabled()) notFound();
  const id = (await searchParams).transactionId;
  if (typeof id !== "string" || id === "") {
    return (
      <SandboxCheckoutError
        title="Missing transaction"
        message="This page needs a transactionId."
      />
    );
  }
  const sell = findSellTransaction(id, now);
  if (!sell && transactionExists(id)) {
    return (
      <SandboxCheckoutError
        title="Not a sale"
        message="This transaction is a buy: only a sale waits for a deposit."
      />
    );
  }
  if (!sell) {
    return (
      <SandboxCheckoutError
        title="Unknown transaction"
        message="No sale has this transaction id. Go back to the app and start the sale again."
      />
    );
  }
  if (sell.status === "ONRAMP_TRANSACTION_STATUS_FAILED") {
    return (
      <SandboxCheckoutError
        title="This sale was cancelled"
        message="There is nothing to deposit: do not send crypto for this sale."
      />
    );
  }
  return <DepositPanel sell={sell} />;
}
