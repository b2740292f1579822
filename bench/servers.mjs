// Starting and stopping what the benchmark measures: `next build`, `next start`, and
// the upstream stub. Server output goes to log files, so that neither the terminal nor
// this process pays for reading it while load runs.
import { fork, spawn } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

const logs = mkdtempSync(join(tmpdir(), "bench-"));

export function logFile(name) {
  return join(logs, `${name}.log`);
}

/** After a clean run; a failed run keeps them for reading. */
export function removeLogs() {
  rmSync(logs, { recursive: true, force: true });
}

export const logDirectory = logs;

export function tail(file, lines = 30) {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/** Runs `next build [dir]`; resolves with seconds taken, rejects with the build's output. */
export function nextBuild(cwd, dir, env) {
  const file = logFile(`build-${dir ? "floor" : "app"}`);
  const fd = openSync(file, "w");
  const started = performance.now();
  const child = spawn(process.execPath, [nextBin, "build", ...(dir ? [dir] : [])], {
    cwd,
    env,
    stdio: ["ignore", fd, fd],
  });
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => {
      closeSync(fd);
      if (code === 0) resolve((performance.now() - started) / 1000);
      else reject(new Error(`next build ${dir ?? ""} failed (exit ${code}):\n${tail(file)}`));
    });
  });
}

/** Starts `next start` and waits until `readyPath` answers 200. */
export async function nextStart({ cwd, dir, port, env, readyPath = "/", name }) {
  const file = logFile(name);
  const fd = openSync(file, "w");
  const child = spawn(
    process.execPath,
    [nextBin, "start", ...(dir ? [dir] : []), "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd,
      env,
      stdio: ["ignore", fd, fd],
    },
  );
  closeSync(fd);
  let exited = null;
  child.on("exit", (code) => (exited = code));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) {
      await new Promise((resolve) => setTimeout(resolve, 200)); // let its last words reach the file
      throw new Error(`${name} exited (${exited}) before it was ready:\n${tail(file)}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}${readyPath}`);
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} was not ready within 60 s:\n${tail(file)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, pid: child.pid, log: file, stop: () => stop(child) };
}

/**
 * The process that serves requests: `next start` names it `next-server (v…)`, in its own
 * process or in a child it starts. Null where there is no /proc (CPU is then not measured).
 */
export function nextServerPid(pid) {
  if (!existsSync(`/proc/${pid}/stat`)) return null;
  const descends = (p) => {
    for (let q = p; q > 1; q = Number(stat(q)[1])) if (q === pid) return true;
    return false;
  };
  for (const entry of readdirSync("/proc")) {
    const p = Number(entry);
    try {
      if (p && readFileSync(`/proc/${p}/cmdline`, "utf8").startsWith("next-server") && descends(p))
        return p;
    } catch {
      // gone meanwhile
    }
  }
  throw new Error(`no next-server process under pid ${pid}`);
}

/** CPU seconds (user + system, all its threads) a process has used so far. */
export function cpuSeconds(pid) {
  const fields = stat(pid);
  return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks: 100 a second on Linux
}

/** /proc/<pid>/stat's fields from the state on (the name before them may hold spaces). */
function stat(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  return text.slice(text.lastIndexOf(") ") + 2).split(" ");
}

function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}

/** The upstream stub in its own process; `stats()` reads its counters. */
export async function startStub(port) {
  const child = fork(new URL("./upstream-stub.mjs", import.meta.url), [String(port)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ask = (message, type) =>
    new Promise((resolve) => {
      const onMessage = (reply) => {
        if (reply.type !== type) return;
        child.off("message", onMessage);
        resolve(reply);
      };
      child.on("message", onMessage);
      if (message) child.send(message);
    });
  await ask(null, "ready");
  return {
    pid: child.pid,
    reset: () => ask("reset", "reset"),
    stats: async () => (await ask("stats", "stats")).stats,
    stop: () => stop(child),
  };
}
