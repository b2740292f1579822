import { z } from "zod";

/**
 * Zod for code that runs in the browser. Our CSP has no 'unsafe-eval': zod's JIT probes
 * `new Function("")` when an object schema is built and, although it catches the refusal,
 * the browser still reports a CSP violation. `jitless` skips the probe (and the JIT).
 */
z.config({ jitless: true });

export { z };
