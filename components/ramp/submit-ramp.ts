import type { ErrorEnvelope, FieldIssue } from "@/lib/http/app-error";
import type { Side } from "./form-state";

export type SubmitResult =
  { ok: true; url: string } | { ok: false; message: string; issues: FieldIssue[] };

/** Asks our server to mint a session token and build the Coinbase URL. */
export async function submitRamp(side: Side, body: unknown): Promise<SubmitResult> {
  try {
    const response = await fetch(side === "buy" ? "/api/onramp" : "/api/offramp", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const data = (await response.json().catch(() => null)) as
      { url?: string } | ErrorEnvelope | null;
    if (response.ok && data && "url" in data && typeof data.url === "string")
      return { ok: true, url: data.url };
    const error = data && "error" in data ? data.error : undefined;
    return {
      ok: false,
      message: error?.message ?? `The server answered ${response.status}. Please try again.`,
      issues: error?.issues ?? [],
    };
  } catch {
    return {
      ok: false,
      message: "Could not reach the server. Check your connection and try again.",
      issues: [],
    };
  }
}
