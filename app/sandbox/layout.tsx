import type { ReactNode } from "react";

/** Chrome of the stand-in Coinbase pages: visibly not Coinbase. */
export default function SandboxLayout({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-amber-300 bg-amber-100 px-4 py-3 text-sm text-amber-950">
        <strong>Coinbase sandbox</strong>: a local stand-in for Coinbase. No real money moves.
      </header>
      <main className="mx-auto max-w-xl px-4 py-8">{children}</main>
    </div>
  );
}
