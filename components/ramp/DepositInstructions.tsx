"use client";

import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { CopyButton } from "@/components/shared/CopyButton";
import { networkName } from "@/lib/ramp/catalog";
import { trimAmount } from "@/lib/ramp/money-text";
import { LocalTime } from "@/components/shared/LocalTime";
import { focusIsLost } from "@/components/shared/use-focus-back";
import { depositDueAt, depositKnown, type RampTransaction } from "@/lib/ramp/transactions";

/**
 * The sell's last step: what to send, how much, on which network, to which address. The
 * amount and the address copy in one tap each. On a phone the user is on the device that
 * would scan the QR code, so there it is folded behind "Show QR code"; a computer shows it.
 */
export function DepositInstructions({
  transaction,
  sandboxDepositUrl,
  title = "What to send, and where",
  following = true,
  onFocusLost,
}: {
  transaction: RampTransaction;
  sandboxDepositUrl?: string;
  /** Whether the page still checks the sale (not once the session ended): it says so, or not. */
  following?: boolean;
  /** Another sale's box says which sale it is for. */
  title?: string;
  /** The box went (the crypto came) with the focus in it (Copy address): where the focus goes. */
  onFocusLost?: () => void;
}) {
  const titleId = `deposit-title-${transaction.id}`;
  // The code drawn, with the address it encodes: shown beside that address only.
  const [drawn, setDrawn] = useState<{ address: string; svg: string } | null>(null);
  const [showQr, setShowQr] = useState(false);
  // The amount and the address copy to one clipboard: only the latest copy is said.
  const [copied, setCopied] = useState<"amount" | "address">();
  const amountRef = useRef<HTMLSpanElement>(null);
  const addressRef = useRef<HTMLParagraphElement>(null);
  const address = transaction.toAddress ?? "";
  const amount = trimAmount(transaction.crypto?.value ?? "");
  const qrId = `deposit-qr-${transaction.id}`;
  const network = networkName(transaction.network);

  // A code drawn for an address no longer shown (another sale leads now) is never shown beside
  // this one: scanned, it would send the crypto there.
  const qr = drawn?.address === address ? drawn.svg : null;

  useEffect(() => {
    if (!address) return;
    // Loaded on demand: only this step needs a QR encoder.
    import("qrcode")
      .then((QRCode) => QRCode.toString(address, { type: "svg", margin: 1 }))
      .then(
        (svg) => setDrawn({ address, svg }),
        () => setDrawn(null),
      );
  }, [address]);

  const boxRef = useFocusHeld(onFocusLost);
  const box = (children: ReactNode) => (
    <section
      ref={boxRef}
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
        Coinbase has not said yet how much to send, and where. Send nothing until it appears here
        {following ? ": this page updates by itself." : " (sign in again to see it)."}
      </p>,
    );

  return box(
    <>
      <p>
        Send exactly{" "}
        <strong data-testid="deposit-amount">
          <span ref={amountRef}>{amount}</span> {transaction.crypto?.currency ?? transaction.asset}
        </strong>{" "}
        on <strong>{network}</strong> to this address. Sending another asset, or on another network,
        loses it.
      </p>
      {/* Coinbase closes the sale 30 minutes after the user confirmed it: said before, not
          only once it is too late. */}
      <p data-testid="deposit-due">
        Send it within 30 minutes, by <LocalTime iso={depositDueAt(transaction)} part="time" />.
      </p>
      {/* The number alone: what a wallet's amount field takes. */}
      <CopyButton
        text={amount}
        what="amount"
        source={amountRef}
        latest={copied === "amount"}
        onCopy={() => setCopied("amount")}
      />
      <div className="flex flex-wrap items-center gap-4">
        {qr && (
          // After the address on a phone, where the code is the least useful thing here.
          <div className="order-last space-y-2 sm:order-none">
            <button
              type="button"
              aria-expanded={showQr}
              aria-controls={qrId}
              onClick={() => setShowQr((s) => !s)}
              className="inline-flex min-h-6 items-center text-sm font-medium text-blue-800 underline sm:hidden"
            >
              {showQr ? "Hide QR code" : "Show QR code"}
            </button>
            <div
              id={qrId}
              className={`${showQr ? "" : "hidden"} h-36 w-36 bg-white sm:block`}
              role="img"
              aria-label="QR code of the deposit address"
              dangerouslySetInnerHTML={{ __html: qr }}
            />
          </div>
        )}
        <div className="min-w-0 space-y-2">
          <p ref={addressRef} className="break-all font-mono text-sm" data-testid="deposit-address">
            {address}
          </p>
          <CopyButton
            text={address}
            what="address"
            source={addressRef}
            latest={copied === "address"}
            onCopy={() => setCopied("address")}
          />
        </div>
      </div>
      <p className="text-sm text-slate-700">
        {following
          ? "This page updates by itself when Coinbase sees the deposit."
          : "Sign in again to see when Coinbase receives the deposit."}
      </p>
      {sandboxDepositUrl && (
        <p className="text-sm">
          Sandbox: no one holds this address, so never send real crypto to it;{" "}
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

/**
 * A ref for the box, and, when the box goes while the focus is in it, `onLost` once the focus
 * has fallen to the page: a keyboard user who pressed Copy address is not sent back to the
 * page's top when the sale moves on. (A layout effect's cleanup runs before React removes the
 * box, while it still holds the focus; it runs on each render too, and then finds it kept.)
 */
function useFocusHeld(onLost?: () => void) {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const box = ref.current;
    return () => {
      if (!onLost || !box?.contains(document.activeElement)) return;
      requestAnimationFrame(() => {
        if (focusIsLost()) onLost();
      });
    };
  });
  return ref;
}
