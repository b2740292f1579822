import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { SANDBOX_URL } from "../support/e2e-servers";

/**
 * What `npm start` promises a deployment (every test server runs its command). A load
 * balancer keeps idle connections to the app open and sends the next request down one of them:
 * if the app closes it first (Node's default is after 5 s idle, AWS ALB keeps them 60 s), a
 * request sent as it closes fails, and the user sees a 502 now and then.
 */
test("npm start keeps an idle connection open past a load balancer's 60 s", async () => {
  const keepAlive = await new Promise<string | string[] | undefined>((resolve, reject) => {
    const get = httpRequest(`${SANDBOX_URL}/api/health`, { headers: { connection: "keep-alive" } });
    get.on("response", (response) => {
      response.resume();
      resolve(response.headers["keep-alive"]);
    });
    get.on("error", reject);
    get.end();
  });
  // Node announces how long the server keeps the connection: `timeout=<seconds>`.
  const seconds = Number(/timeout=(\d+)/.exec(String(keepAlive))?.[1]);
  expect(seconds).toBeGreaterThan(60);
});
