import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "../../lib/db/client";
import { TEST_SECRETS } from "./test-secrets";

/**
 * Helpers of the database unit tests (database.test.ts, database-outage.test.ts): two files, so
 * that the outage's waits run beside the other suites' rather than after them.
 */

/** The server process behind a transaction's connection. */
export async function backendPid(tx: Pick<DatabaseHandle["db"], "execute">): Promise<number> {
  const result = await tx.execute(sql`select pg_backend_pid() as pid`);
  return (result as unknown as { rows: Array<{ pid: number }> }).rows[0]!.pid;
}

/** What a failed call threw. */
export async function thrown(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  assert.fail("expected it to throw");
}

export const aUser = (email: string) => ({ id: crypto.randomUUID(), name: "A", email });

/** `npm run db:migrate` in `cwd`, sandbox mode (no test secret), with `env` on top. */
export async function runDbMigrate(
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn("npm", ["run", "--silent", "db:migrate"], {
    cwd,
    env: {
      ...process.env,
      ...Object.fromEntries(Object.keys(TEST_SECRETS).map((name) => [name, ""])),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, output: output.trim() };
}
