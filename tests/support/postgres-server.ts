import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";

/**
 * A real Postgres server for the tests, in a temporary folder, on a free loopback port, that a
 * test can stop and start again on the same port and data (an outage and a recovery). CI
 * installs Debian's `postgresql` (.ci/run), whose binaries are not on PATH; elsewhere, without
 * them, the tests that need it skip. Connections over TCP need the password, as in production.
 */
const SEARCH = ["/usr/local/bin", "/usr/lib/postgresql", ...(process.env.PATH ?? "").split(":")];
const USER = "app";
const PASSWORD = "test-only-password";

export const postgresBin = findBinDir();
export const havePostgres = postgresBin !== undefined;
if (!havePostgres && process.env.CI)
  throw new Error("Postgres is required in CI (apt-get install postgresql)");

export async function startPostgres(): Promise<PostgresServer> {
  const server = new PostgresServer(await freePort(), mkdtempSync(path.join(tmpdir(), "pg-test-")));
  server.init();
  await server.start();
  return server;
}

export class PostgresServer {
  private process: ChildProcess | undefined;
  private stderr = "";
  // Postgres refuses to run as root: as root, it runs as the `postgres` user (Debian's
  // package creates it), else as `nobody`, and owns the temporary folder.
  private readonly runAs = process.getuid?.() === 0 ? unprivilegedUser() : undefined;

  constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${this.port}/postgres`;
  }

  get password(): string {
    return PASSWORD;
  }

  init(): void {
    writeFileSync(path.join(this.dir, "password"), PASSWORD);
    if (this.runAs) chownSync(this.dir, this.runAs.uid, this.runAs.gid);
    const args = ["-D", this.dataDir, "-U", USER, "--pwfile", path.join(this.dir, "password")];
    const flags = ["--auth-host=scram-sha-256", "--auth-local=trust", "--no-sync", "-E", "UTF8"];
    const result = spawnSync(...this.command("initdb", [...args, ...flags]), {
      cwd: this.dir,
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`initdb failed: ${result.stderr || result.error}`);
  }

  /** Starts it (again, on the same port and data) and waits until it accepts connections. */
  async start(): Promise<void> {
    const settings = {
      listen_addresses: "127.0.0.1",
      unix_socket_directories: this.dir,
      fsync: "off",
      synchronous_commit: "off",
      full_page_writes: "off",
    };
    const args = ["-D", this.dataDir, "-p", String(this.port)];
    for (const [name, value] of Object.entries(settings)) args.push("-c", `${name}=${value}`);
    const [command, commandArgs] = this.command("postgres", args);
    this.stderr = "";
    const started = spawn(command, commandArgs, {
      cwd: this.dir,
      stdio: ["ignore", "ignore", "pipe"],
    });
    started.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.process = started;
    for (let i = 0; i < 100; i++) {
      if (started.exitCode !== null) break;
      const probe = new Client({ connectionString: this.url, connectionTimeoutMillis: 1_000 });
      try {
        await probe.connect();
        await probe.query("select 1");
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      } finally {
        await probe.end().catch(() => {});
      }
    }
    throw new Error(`postgres did not start on port ${this.port}:\n${this.stderr.slice(-2_000)}`);
  }

  /**
   * Stops it the way an operator's fast shutdown does (open connections are ended, the
   * clients see "terminating connection") and waits until it has exited: the port refuses
   * connections from then on.
   */
  async stop(): Promise<void> {
    const running = this.process;
    if (!running || running.exitCode !== null) return;
    const exited = once(running, "exit");
    running.kill("SIGINT");
    await exited;
  }

  /** Stops it and deletes its folder. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private get dataDir(): string {
    return path.join(this.dir, "data");
  }

  /** The command line for a Postgres binary, as the unprivileged user when we are root. */
  private command(binary: string, args: string[]): [string, string[]] {
    const file = path.join(postgresBin!, binary);
    if (!this.runAs) return [file, args];
    // setpriv execs the binary itself (no child in between), so signals reach Postgres.
    const ids = [`--reuid=${this.runAs.uid}`, `--regid=${this.runAs.gid}`, "--clear-groups"];
    return ["setpriv", [...ids, file, ...args]];
  }
}

/** The folder holding `initdb` and `postgres`: on PATH, or Debian's versioned folders. */
function findBinDir(): string | undefined {
  const candidates = SEARCH.flatMap((dir) =>
    dir === "/usr/lib/postgresql" && existsSync(dir)
      ? readdirSync(dir)
          .sort((a, b) => Number(b) - Number(a))
          .map((version) => path.join(dir, version, "bin"))
      : [dir],
  );
  return candidates.find(
    (dir) => dir && existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "postgres")),
  );
}

function unprivilegedUser(): { uid: number; gid: number } {
  for (const name of ["postgres", "nobody"]) {
    const ids = spawnSync("id", ["-u", name], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", name], { encoding: "utf8" });
    if (ids.status === 0 && gid.status === 0)
      return { uid: Number(ids.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error("running as root, and neither a postgres nor a nobody user exists");
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
