// Adds lockfile entries for platform-specific optional packages that this machine's
// registry mirror does not serve (it carries only linux builds). Without them `npm ci`
// refuses the lockfile as out of sync. Each entry names its os/cpu, so npm skips it on
// other platforms, exactly as it would with a lockfile written against the full registry.
// Run after `npm install` changes dependencies: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from "node:fs";

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const OS = [
  "darwin",
  "linux",
  "win32",
  "freebsd",
  "android",
  "openbsd",
  "netbsd",
  "sunos",
  "aix",
  "openharmony",
  "wasi",
];
const CPU = [
  "arm64",
  "x64",
  "arm",
  "ia32",
  "loong64",
  "ppc64",
  "riscv64",
  "s390x",
  "mips64el",
  "wasm32",
];
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ""}node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
    const parts = name.split("/").pop().split("-");
    const os = OS.find((o) => parts.includes(o) || (o === "win32" && parts.includes("win32")));
    const cpu = CPU.find((c) => parts.includes(c));
    lock.packages[`node_modules/${name}`] = {
      version: String(version).replace(/^[\^~]/, ""),
      ...(os ? { os: [os] } : {}),
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
    };
    added++;
  }
}
writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);
