import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { processSingleton } from "@/lib/process/singleton";
import { DEMO_ACCOUNTS } from "./accounts";

/** How long a sandbox send stays `pending` before it is `completed`, as a network would. */
export const SETTLE_MS = 3_000;

/** A send as the sandbox keeps it; `toApi` shapes it as Coinbase answers it. */
export interface SandboxSend {
  id: string;
  grantId: string;
  clientId: string;
  accountId: string;
  idem?: string;
  currency: string;
  network: string;
  /** Positive, in the account's currency. */
  amount: string;
  /** Positive, in the limit's (or the user's native) currency. */
  nativeAmount: { amount: string; currency: string };
  to: { kind: "address"; address: string } | { kind: "email"; email: string };
  description?: string;
  createdAt: number;
}

const sends = processSingleton("sandbox.oauth-sends", () => madeInCoinbaseApp(Date.now()));

/**
 * The sandbox's user also sends from Coinbase's own app: 40 USDC from the USDC account, an
 * hour before the sandbox started (the balance shown is what was left after it). Coinbase
 * lists it with the account's transactions, though no app made it (no `idem`, no client of
 * ours): the granted send limit is what this app may send, so an app that counted it would
 * show less left than Coinbase allows.
 */
function madeInCoinbaseApp(startedAt: number): Map<string, SandboxSend> {
  const usdc = DEMO_ACCOUNTS.find((a) => a.currency.code === "USDC")!;
  const send: SandboxSend = {
    id: randomUUID(),
    grantId: "",
    clientId: "coinbase.com",
    accountId: usdc.id,
    currency: "USDC",
    network: "base",
    amount: "40.000000",
    nativeAmount: { amount: "40.00", currency: "USD" },
    to: { kind: "address", address: "0x2c2f4f1c8bb3fa52c1b6d6b1a7f2c3e4d5a6b7c8" },
    createdAt: startedAt - 60 * 60 * 1000,
  };
  return new Map([[send.id, send]]);
}

export function recordSend(fields: Omit<SandboxSend, "id">): SandboxSend {
  const send = { ...fields, id: randomUUID() };
  sends.set(send.id, send);
  return send;
}

/** The earlier send with this `idem` on this account: Coinbase answers it instead of sending again. */
export function findSendByIdem(accountId: string, idem: string): SandboxSend | undefined {
  for (const send of sends.values()) {
    if (send.accountId === accountId && send.idem === idem) return send;
  }
  return undefined;
}

export function findSend(accountId: string, id: string): SandboxSend | undefined {
  const send = sends.get(id);
  return send?.accountId === accountId ? send : undefined;
}

/** Sends of one account, newest first. */
export function sendsOfAccount(accountId: string): SandboxSend[] {
  return [...sends.values()]
    .filter((s) => s.accountId === accountId)
    .sort((a, b) => b.createdAt - a.createdAt);
}

/**
 * Sends this app made for the user: what its send limit counts. The sandbox has one user,
 * so that is every send of the client, under this grant or an earlier one (asking for more
 * permissions must not reset the limit).
 */
export function sendsOfClient(clientId: string): SandboxSend[] {
  return [...sends.values()].filter((s) => s.clientId === clientId);
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** The transaction resource of `GET /v2/accounts/{id}/transactions/{id}`. */
export function toApi(send: SandboxSend, now = Date.now()) {
  const done = now - send.createdAt >= SETTLE_MS;
  return {
    id: send.id,
    type: "send",
    status: done ? "completed" : "pending",
    amount: { amount: `-${send.amount}`, currency: send.currency },
    native_amount: {
      amount: `-${send.nativeAmount.amount}`,
      currency: send.nativeAmount.currency,
    },
    description: send.description ?? null,
    created_at: iso(send.createdAt),
    updated_at: iso(done ? send.createdAt + SETTLE_MS : send.createdAt),
    resource: "transaction",
    resource_path: `/v2/accounts/${send.accountId}/transactions/${send.id}`,
    idem: send.idem ?? null,
    network: done
      ? { status: "confirmed", network_name: send.network, hash: fakeHash(send) }
      : { status: "pending", network_name: send.network },
    to:
      send.to.kind === "email"
        ? { resource: "email", email: send.to.email }
        : { resource: "address", address: send.to.address },
    details: {
      title: `Sent ${send.currency}`,
      subtitle: send.to.kind === "email" ? `To ${send.to.email}` : `To ${send.to.address}`,
    },
  };
}

// A stable made-up hash per send, shaped for its network's explorer.
const hashes = processSingleton("sandbox.oauth-send-hashes", () => new Map<string, string>());
function fakeHash(send: SandboxSend): string {
  let hash = hashes.get(send.id);
  if (!hash) {
    const hex = randomBytes(32).toString("hex");
    hash = send.network === "bitcoin" || send.network === "litecoin" ? hex : `0x${hex}`;
    hashes.set(send.id, hash);
  }
  return hash;
}
