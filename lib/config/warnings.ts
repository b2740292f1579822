import { isLoopbackHost } from "@/lib/http/loopback";
import type { AppConfig } from "./env";

export interface ConfigWarning {
  variable: string;
  message: string;
}

/**
 * Settings that start the server but leave a protection weaker than it looks; logged once at
 * start (`config_warning`), never a value. Errors, which stop the server, are in env.ts.
 */
export function configWarnings(
  config: AppConfig,
  nodeEnv: string | undefined,
  /** The port this server listens on (Next sets PORT before the app starts). */
  port?: string,
): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  const live = config.ramp.mode === "live" || config.oauth.mode === "live";
  // Sign-in codes and Connect are limited per client too, not only the ramps.
  if (nodeEnv === "production" && live && !config.trustProxyHeaders)
    warnings.push({
      variable: "TRUST_PROXY_HEADERS",
      message: `off: per-client rate limits count by the X-Forwarded-For a client sends, which it can vary, so only the per-instance ceilings hold${config.ramp.mode === "live" ? " and Coinbase gets no clientIp" : ""}. Run behind your proxy and set it to true.`,
    });
  if (nodeEnv === "production" && config.ramp.mode === "live" && !config.webhooks.secrets.length)
    warnings.push({
      variable: "CDP_WEBHOOK_SECRET",
      message:
        "unset: Coinbase's webhooks are refused (503), so the ledger learns a ramp's outcome only when a user's page asks Coinbase. Subscribe (npm run webhooks -- subscribe <url>) and set the secret it prints.",
    });
  // Connect alone is a fine deployment, but its users then meet the ramp pages on the sandbox.
  if (nodeEnv === "production" && config.oauth.mode === "live" && config.ramp.mode === "sandbox")
    warnings.push({
      variable: "CDP_API_KEY_ID",
      message:
        "unset while Connect is live: your users meet /buy and /sell on the sandbox (no real purchase, and a sale's deposit address that no one holds). Set the CDP key, or keep them away from those pages.",
    });
  if (nodeEnv === "production" && live && !config.database.url)
    warnings.push({
      variable: "DATABASE_URL",
      message: `unset: users and the ledger are kept in the embedded database in ${config.database.pgliteDir}, on this instance's disk: lost when it is replaced, and not shared with other instances. Set it to a Postgres server.`,
    });
  if (nodeEnv === "production" && isLoopbackHost(new URL(config.appUrl).hostname))
    warnings.push({
      variable: "APP_URL",
      message: `unset or local (${config.appUrl}): the pages send browsers there (Coinbase's pages, or the sandbox's, and back), which works only on this machine. Set it to this app's public origin.`,
    });
  // `next dev` moves to the next free port when 3000 is taken: an APP_URL naming this machine's
  // old port sends the sandbox's calls, and browsers, to whatever still listens there.
  const appAt = new URL(config.appUrl);
  const appPort = appAt.port || (appAt.protocol === "https:" ? "443" : "80");
  // Not https: a local TLS proxy on 443 in front of this server is the usual reason for that.
  if (port && appAt.protocol === "http:" && isLoopbackHost(appAt.hostname) && appPort !== port)
    warnings.push({
      variable: "APP_URL",
      message: `names port ${appPort} of this machine (${config.appUrl}), but this server listens on ${port}: the pages, and in sandbox mode every call to the sandbox, go to whatever listens on ${appPort}. Set APP_URL to this server's port, or free port ${appPort}.`,
    });
  // Coinbase's authorize page refuses such a redirect URI, so every connection fails. Said in
  // sandbox mode too (its Connect takes it): a partner trying Connect there learns it before
  // going live on that host.
  if (config.oauth.mode !== "off" && /coinbase/i.test(config.oauth.redirectUri))
    warnings.push({
      variable: "APP_URL",
      message: `holds the word "coinbase": Coinbase refuses an OAuth redirect URI that does (${config.oauth.redirectUri}), so Connect fails at its authorize page${config.oauth.mode === "live" ? "" : " once live (the sandbox takes it)"}. Serve the app from a host and path without it.`,
    });
  return warnings;
}
