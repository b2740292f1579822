import type { ReactNode } from "react";

// Every sandbox page decides at request time whether the sandbox exists (no keys set).
// Without this, a build made with keys in its environment prerenders them as static 404s,
// and a sandbox-mode server started from that build has no sandbox pages.
export const dynamic = "force-dynamic";

/**
 * Chrome of the stand-in Coinbase pages: visibly not Coinbase. Its landmarks are named, so
 * they stay distinct from the app's when a sandbox page is framed (the guest payment link).
 */
export default function SandboxLayout({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-50">
      <header
        aria-label="Coinbase sandbox notice"
        className="border-b border-amber-300 bg-amber-100 px-4 py-3 text-sm text-amber-950"
      >
        <strong>Coinbase sandbox</strong>: a local stand-in for Coinbase. No real money moves.
      </header>
      <main aria-label="Coinbase sandbox" className="mx-auto max-w-xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
