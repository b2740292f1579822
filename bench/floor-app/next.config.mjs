import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Built by `npm run bench` with the repo's own `next`: a bare page (the page-weight floor) and
 * a bare mint route (app/api/mint-floor, the CPU floor of a mint). The output goes under the repo's
 * `.next/` (already ignored by git, ESLint and TypeScript), and the root is the repo so
 * that `next` and `react` resolve from its node_modules.
 */
const nextConfig = {
  distDir: "../../.next/bench-floor",
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  // As the app loads it: from node_modules, not bundled into the route.
  serverExternalPackages: ["undici"],
};

export default nextConfig;
