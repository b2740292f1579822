import type { AppConfig } from "./env";

export interface ConfigWarning {
  variable: string;
  message: string;
}

/**
 * Settings that start the server but leave a protection weaker than it looks; logged once at
 * start (`config_warning`), never a value. Errors, which stop the server, are in env.ts.
 */
export function configWarnings(config: AppConfig, nodeEnv: string | undefined): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  if (nodeEnv === "production" && config.ramp.mode === "live" && !config.trustProxyHeaders)
    warnings.push({
      variable: "TRUST_PROXY_HEADERS",
      message:
        "off: per-client rate limits count by the X-Forwarded-For a client sends, which it can vary, so only the per-instance ceilings hold and Coinbase gets no clientIp. Run behind your proxy and set it to true.",
    });
  return warnings;
}
