/**
 * Headers that hold for every response, static files included. The CSP (with its
 * per-request nonce), Permissions-Policy and HSTS are set in proxy.ts; for /api/*, which the proxy skips,
 * HSTS is set by lib/http/handle.ts and the CSP below.
 */
const securityHeaders = [
  // Pay URLs carry single-use session tokens: never leak a page's URL to another site. Our own
  // origin is told (no-referrer would make a form's POST say `Origin: null`, which a browser
  // without fetch metadata, Safari before 16.4, then sends as if from another site: refused).
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // No page opened from another site keeps a handle on ours, and no window of another site ours
  // opens either, except the popups ours open: Coinbase's payment button, framed on the guest
  // checkout, may open its wallet's window, which answers it through `window.opener` (Google
  // Pay outside Chrome's own sheet), and under `same-origin` a window that a frame from another
  // origin opens has none. On every page, not only the checkout's: a page sets its policy when
  // it loads, and the checkout is mostly reached from /buy or /account without a page load.
  { key: "Cross-Origin-Opener-Policy", value: "same-origin-allow-popups" },
];

/**
 * Under `npm run dev`, Next.js serves its scripts only to pages opened on localhost. A phone
 * trying the phone link opens the app at APP_URL, this computer's address on the network
 * (see .env.local.example): that host may load them too. Production ignores this. Read here,
 * not through lib/config/env.ts: Next.js loads this file before the app's own code.
 */
function devOrigins() {
  try {
    return process.env.APP_URL ? [new URL(process.env.APP_URL).hostname] : [];
  } catch {
    return []; // the app's own configuration check names a bad APP_URL
  }
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  allowedDevOrigins: devOrigins(),
  // Next.js's dev badge sits bottom left by default, over the buttons a phone-sized page pins
  // to the bottom of the screen; top left it covers only the app's name.
  devIndicators: { position: "top-left" },
  experimental: {
    // `npm run dev` compiles from scratch at each start, without Turbopack's cache of the
    // previous run (in .next/dev): restarted on that cache, next dev (16.4) answered the
    // first HMR subscription of a page's runtime with a "restart", counted it as an update
    // and told the page's next subscription "HMR hash mismatch": the page reloaded over and
    // over, taking what was typed with it (tests/e2e/dev-server.spec.ts).
    turbopackFileSystemCacheForDev: false,
  },
  // Run as Node loads them, not re-bundled per route: the upstream HTTP client, and the
  // rate limiter (one copy of its classes for the process-wide limiters), and the database
  // drivers (PGlite loads its WebAssembly from its own folder).
  serverExternalPackages: ["undici", "rate-limiter-flexible", "@electric-sql/pglite", "pg"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Nothing may frame us, except that the app frames its sandbox's guest payment link
      // (its CSP frame-ancestors, set in proxy.ts, names the app).
      {
        source: "/:path((?!sandbox/pay/v2/api-onramp/).*)",
        headers: [{ key: "X-Frame-Options", value: "DENY" }],
      },
      // JSON answers: nothing in them may load or run, and nothing may frame them.
      {
        source: "/api/:path*",
        headers: [
          { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
          // Pages get theirs from proxy.ts, which lets them delegate payment to Coinbase's iframe.
          {
            key: "Permissions-Policy",
            value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=()",
          },
        ],
      },
    ];
  },
};

export default nextConfig;
