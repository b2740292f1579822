import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import Redis from "ioredis";

/**
 * A real redis-server for the unit tests, on a free loopback port, that a test can stop
 * and start again on the same port (an outage and a recovery). CI installs it (.ci/run);
 * elsewhere, without one, the tests that need it skip.
 */
export const redisBinary = spawnSync("sh", ["-c", "command -v redis-server"], {
  encoding: "utf8",
}).stdout.trim();
export const haveRedis = redisBinary !== "";
if (!haveRedis && process.env.CI)
  throw new Error("redis-server is required in CI (apt-get install redis-server)");

export class RedisServer {
  private process: ChildProcess | undefined;

  // Its own folder: a replica's full sync writes a dump file even with saving off.
  private readonly dir = mkdtempSync(path.join(tmpdir(), "redis-"));

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.restart();
    return server;
  }

  /** Starts it (again, on the same port) and waits until it answers. */
  async restart(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    this.process = spawn(
      redisBinary,
      [
        "--port",
        String(this.port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        this.dir,
      ],
      { stdio: "ignore" },
    );
    for (let i = 0; i < 50; i++) {
      const probe = new Redis(this.url, { lazyConnect: true, retryStrategy: () => null });
      probe.on("error", () => {});
      try {
        await probe.connect();
        await probe.ping();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      } finally {
        probe.disconnect();
      }
    }
    throw new Error(`redis-server did not start on port ${this.port}`);
  }

  /** Stops it and waits until it has exited: the port refuses connections from then on. */
  async stop(): Promise<void> {
    const running = this.process;
    if (!running || running.exitCode !== null) return;
    const exited = once(running, "exit");
    running.kill("SIGKILL");
    await exited;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
