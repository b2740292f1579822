import { config } from "zod";

/**
 * Imported for its effect, before any schema that runs in the browser is built. Our CSP
 * has no 'unsafe-eval': zod's JIT probes `new Function("")` when an object schema is
 * built and, although it catches the refusal, the browser still reports a CSP violation.
 * `jitless` skips the probe (and the JIT) in the browser. On the server no CSP applies and
 * the JIT parses request bodies faster, so it stays on there. A side-effect import, not a
 * re-export of `z`, so bundlers keep only the parts of zod the schemas use.
 */
config({ jitless: typeof window !== "undefined" });
