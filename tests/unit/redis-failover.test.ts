import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import Redis from "ioredis";
import {
  answersWithin,
  connectRedis,
  untilFirstConnection,
} from "../../lib/store/redis-connection";
import { RedisStore } from "../../lib/store/redis-store";
import { RedisServer, haveRedis } from "../support/redis-server";

/**
 * A failover as managed Redis does it: the app's address (a proxy here, a DNS name there)
 * leads new connections to the new primary, while the connection the app already has either
 * goes silent (no FIN, no RST: a node replaced, a partition) or stays on the old primary, now
 * a replica that answers every write READONLY. Either way the app must reconnect by itself
 * within seconds, not after the kernel's 15 minutes, nor never.
 */
class FailoverProxy {
  private pairs: { client: Socket; upstream: Socket; silent: boolean }[] = [];
  private server: Server;

  private constructor(private target: number) {
    this.server = createServer((client) => {
      const pair = { client, upstream: connect(this.target, "127.0.0.1"), silent: false };
      this.pairs.push(pair);
      client.on("data", (data) => pair.silent || pair.upstream.write(data));
      pair.upstream.on("data", (data) => pair.silent || client.write(data));
      const end = () => {
        client.destroy();
        pair.upstream.destroy();
      };
      client.on("error", end).on("close", end);
      pair.upstream.on("error", end).on("close", end);
    });
  }

  static async start(target: number): Promise<FailoverProxy> {
    const proxy = new FailoverProxy(target);
    await new Promise<void>((resolve) => proxy.server.listen(0, "127.0.0.1", resolve));
    return proxy;
  }

  get url(): string {
    return `redis://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** New connections go to `target`; the open ones carry on where they were. */
  pointTo(target: number) {
    this.target = target;
  }

  /** The open connections stop carrying anything, either way, and stay open. */
  silenceOpenConnections() {
    for (const pair of this.pairs) pair.silent = true;
  }

  async close() {
    for (const pair of this.pairs) pair.client.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Tries `command` every 100 ms until it works; the time it took, or a failure after `ms`. */
async function worksAgainWithin(ms: number, command: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  let last: unknown;
  while (performance.now() - started < ms) {
    try {
      await command();
      return performance.now() - started;
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`still failing after ${ms} ms: ${String(last)}`);
}

describe(
  "a Redis failover (lib/store/redis-connection.ts)",
  { skip: !haveRedis && "redis-server not installed", timeout: 60_000 },
  () => {
    let oldPrimary: RedisServer;
    let newPrimary: RedisServer;
    before(async () => {
      if (!haveRedis) return;
      [oldPrimary, newPrimary] = await Promise.all([RedisServer.start(), RedisServer.start()]);
    });
    after(async () => {
      if (!haveRedis) return;
      await Promise.all([oldPrimary.stop(), newPrimary.stop()]);
    });

    test("a connection gone silent is dropped and made again: commands work within seconds", async () => {
      const proxy = await FailoverProxy.start(oldPrimary.port);
      const client = connectRedis(proxy.url);
      client.on("error", () => {});
      await untilFirstConnection(client);
      try {
        await client.set("failover:silent", "before");
        proxy.silenceOpenConnections();
        await assert.rejects(client.get("failover:silent"), /timed out/i);
        const took = await worksAgainWithin(8_000, () => client.get("failover:silent"));
        assert.ok(took < 8_000);
        assert.equal(await client.get("failover:silent"), "before");
      } finally {
        client.disconnect();
        await proxy.close();
      }
    });

    test("the old primary made a replica (READONLY to every write): the app reconnects to the new one", async () => {
      const proxy = await FailoverProxy.start(oldPrimary.port);
      const client = connectRedis(proxy.url);
      client.on("error", () => {});
      await untilFirstConnection(client);
      const admin = new Redis(oldPrimary.url);
      try {
        await client.set("failover:write", "1");
        proxy.pointTo(newPrimary.port);
        await admin.replicaof("127.0.0.1", newPrimary.port);
        await assert.rejects(client.set("failover:write", "2"), /READONLY/);
        await worksAgainWithin(5_000, () => client.set("failover:write", "3"));
        const onNewPrimary = new Redis(newPrimary.url);
        assert.equal(await onNewPrimary.get("failover:write"), "3");
        onNewPrimary.disconnect();
      } finally {
        await admin.replicaof("NO", "ONE");
        admin.disconnect();
        client.disconnect();
        await proxy.close();
      }
    });

    test("before the first connection a command is refused, never queued to run after its caller gave up", async () => {
      // A first connection that takes long (SYNs lost, a slow handshake): here, a server that
      // takes the connection and never answers.
      const silent = createServer((socket) => socket.on("error", () => {}));
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      const client = connectRedis(`redis://127.0.0.1:${(silent.address() as AddressInfo).port}`);
      client.on("error", () => {});
      try {
        // A queued command would time out for its caller, then still be sent once connected.
        await assert.rejects(client.set("cold:queued", "1"), /isn't writeable/);
        await assert.rejects(
          new RedisStore(client, "cold:").setIfAbsent("link-used", "1", 60_000),
          /shared store cannot be reached/,
        );
      } finally {
        client.disconnect();
        silent.close();
      }
    });

    test("at start, whether Redis answers is known within the wait: yes for a server, no for a closed port", async () => {
      const gone = await RedisServer.start();
      await gone.stop();
      const up = connectRedis(oldPrimary.url);
      const down = connectRedis(gone.url);
      for (const client of [up, down]) client.on("error", () => {});
      try {
        const started = performance.now();
        assert.deepEqual(
          await Promise.all([answersWithin(up, 1_500), answersWithin(down, 1_500)]),
          [true, false],
        );
        assert.ok(performance.now() - started < 2_500);
      } finally {
        up.disconnect();
        down.disconnect();
      }
    });

    test("Redis down since the start: once the first attempt failed, no command waits for a connection", async () => {
      const gone = await RedisServer.start();
      await gone.stop();
      const client = connectRedis(gone.url);
      const failed = new Promise((resolve) => client.once("error", resolve));
      client.on("error", () => {});
      try {
        await failed;
        // A wait far longer than the test would allow: it must not be waited at all.
        const waited = await Promise.race([
          untilFirstConnection(client, 600_000).then(() => false),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 5_000).unref()),
        ]);
        assert.equal(waited, false);
        await assert.rejects(
          new RedisStore(client, "cold:").get("x"),
          /shared store cannot be reached/,
        );
      } finally {
        client.disconnect();
      }
    });

    test("at a cold start the store waits for the first connection: the first request works", async () => {
      const client = connectRedis(oldPrimary.url);
      client.on("error", () => {});
      const store = new RedisStore(client, "cold:");
      try {
        assert.equal(client.status, "connecting");
        assert.equal(await store.setIfAbsent("first", "1", 60_000), true);
        assert.equal(await store.get("first"), "1");
      } finally {
        await store.delete("first");
        client.disconnect();
      }
    });
  },
);
