import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { getDatabase } from "../../lib/db/client";
import { prepareDatabase } from "../../lib/db/prepare";
import { dropProcessSingleton } from "../../lib/process/singleton";

/**
 * A loopback server in Coinbase's place for the Connect API client's unit tests (sandbox mode:
 * the API base is APP_URL + /sandbox/api, here this server), with a database of the test's own
 * for the app's record of its sends (lib/oauth/app-sends.ts). Returns what stops both.
 */
export async function standInForCoinbase(handler: RequestListener): Promise<() => Promise<void>> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.APP_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.PGLITE_DIR = "memory://";
  dropProcessSingleton("config");
  dropProcessSingleton("database");
  await prepareDatabase();
  return async () => {
    server.close();
    await getDatabase().close();
  };
}
