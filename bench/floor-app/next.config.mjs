import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Built by `npm run bench` with the repo's own `next`. The output goes under the repo's
 * `.next/` (already ignored by git, ESLint and TypeScript), and the root is the repo so
 * that `next` and `react` resolve from its node_modules.
 */
const nextConfig = {
  distDir: "../../.next/bench-floor",
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
};

export default nextConfig;
