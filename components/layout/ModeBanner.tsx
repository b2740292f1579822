import { connection } from "next/server";
import { getConfig } from "@/lib/config/env";
import { sandboxInboxEnabled, signInCodesInInbox } from "@/lib/mail/sandbox-inbox";

/**
 * Says which mode the app runs in. Read at request time (not at build), since the same
 * build runs in sandbox or live mode depending on the environment it starts in.
 */
export async function ModeBanner() {
  await connection();
  const { ramp, oauth } = getConfig();
  const sandboxed = [
    ramp.mode === "sandbox" && "ramps",
    oauth.mode === "sandbox" && "Connect",
  ].filter(Boolean);
  if (sandboxed.length === 0) {
    return (
      // A status, as the sandbox's line is: read out of the landmarks, not skipped with them.
      <p
        role="status"
        className="bg-emerald-50 px-4 py-1 text-center text-xs text-emerald-900"
        data-mode="live"
      >
        Live mode: real Coinbase, real money.
      </p>
    );
  }
  return (
    <p
      role="status"
      className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-950"
      data-mode="sandbox"
    >
      <strong>Sandbox mode</strong> ({sandboxed.join(" and ")}): Coinbase is simulated by this app.
      No real money moves.
      {sandboxInboxEnabled() && (
        <>
          {" "}
          {signInCodesInInbox() ? "Sign-in codes" : "Codes from the simulated Coinbase"} arrive in
          the{" "}
          <a href="/sandbox/inbox" className="font-medium underline">
            sandbox inbox
          </a>
          .
        </>
      )}
    </p>
  );
}
