"use client";

import { useEffect, useState, type ReactNode } from "react";
import { networkName } from "@/lib/ramp/catalog";
import { trimAmount } from "@/lib/ramp/money-text";
import { depositKnown, type RampTransaction } from "@/lib/ramp/transactions";

/** The sell's last step: what to send, how much, on which network, to which address. */
export function DepositInstructions({
  transaction,
  sandboxDepositUrl,
  title = "What to send, and where",
}: {
  transaction: RampTransaction;
  sandboxDepositUrl?: string;
  /** Another sale's box says which sale it is for. */
  title?: string;
}) {
  const titleId = `deposit-title-${transaction.id}`;
  const [qr, setQr] = useState<string | null>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  const address = transaction.toAddress ?? "";
  const network = networkName(transaction.network);

  useEffect(() => {
    if (!address) return;
    // Loaded on demand: only this step needs a QR encoder.
    import("qrcode")
      .then((QRCode) => QRCode.toString(address, { type: "svg", margin: 1 }))
      .then(setQr, () => setQr(null));
  }, [address]);

  async function copyAddress() {
    await navigator.clipboard.writeText(address).then(
      () => setCopy("copied"),
      () => setCopy("failed"),
    );
  }

  const box = (children: ReactNode) => (
    <section
      aria-labelledby={titleId}
      className="space-y-3 rounded-xl border border-amber-300 bg-amber-50 p-4"
    >
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );

  if (!depositKnown(transaction))
    return box(
      <p data-testid="deposit-pending">
        Coinbase has not said yet how much to send, and where. Send nothing until it appears here:
        this page updates by itself.
      </p>,
    );

  return box(
    <>
      <p>
        Send exactly{" "}
        <strong data-testid="deposit-amount">
          {trimAmount(transaction.crypto?.value ?? "")}{" "}
          {transaction.crypto?.currency ?? transaction.asset}
        </strong>{" "}
        on <strong>{network}</strong> to this address. Sending another asset, or on another network,
        loses it.
      </p>
      <div className="flex flex-wrap items-center gap-4">
        {qr && (
          <div
            className="h-36 w-36 bg-white"
            role="img"
            aria-label="QR code of the deposit address"
            dangerouslySetInnerHTML={{ __html: qr }}
          />
        )}
        <div className="space-y-2">
          <p className="break-all font-mono text-sm" data-testid="deposit-address">
            {address}
          </p>
          <button
            type="button"
            onClick={copyAddress}
            className="rounded-full border border-slate-400 px-3 py-1 text-sm"
          >
            {copy === "copied" ? "Copied" : "Copy address"}
          </button>
          {/* Said aloud too; a browser that refuses the clipboard leaves the address to select. */}
          <p role="status" className="text-sm text-slate-700">
            {copy === "copied" && "Address copied."}
            {copy === "failed" && "Could not copy: select the address above and copy it."}
          </p>
        </div>
      </div>
      <p className="text-sm text-slate-700">
        This page updates by itself when Coinbase sees the deposit.
      </p>
      {sandboxDepositUrl && (
        <p className="text-sm">
          Sandbox:{" "}
          <a
            className="font-medium text-blue-800 underline"
            href={`${sandboxDepositUrl}?transactionId=${encodeURIComponent(transaction.coinbaseId ?? transaction.id)}`}
            target="_blank"
            rel="noreferrer"
          >
            open the sandbox wallet to simulate the deposit
          </a>
        </p>
      )}
    </>,
  );
}
