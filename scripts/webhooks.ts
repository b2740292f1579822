// `npm run webhooks -- subscribe <url> | list | delete <id>`: this project's webhook
// subscriptions on Coinbase (or, without a CDP key, on the running app's sandbox).
import { loadEnvConfig } from "@next/env";
import { ConfigError, getConfig } from "@/lib/config/env";
import { CdpKeyError } from "@/lib/cdp/api-key";
import { AppError, isAppError } from "@/lib/http/app-error";
import { platformClientFromConfig } from "@/lib/webhooks/platform-client";
import {
  deleteWebhookSubscription,
  listWebhookSubscriptions,
  subscribeToRampEvents,
} from "@/lib/webhooks/subscriptions-api";
import { targetUrlProblem } from "@/lib/webhooks/target-url";

const USAGE = `Usage:
  npm run webhooks -- subscribe <https url>   subscribe a receiver to the eight ramp events
  npm run webhooks -- list                    list the subscriptions
  npm run webhooks -- delete <subscription id>`;

async function main(args: string[]): Promise<number> {
  // The same .env files the app reads (.env.local first).
  loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
  const [command, argument] = args;
  if (command === "subscribe" && argument) {
    // Checked before anything else: the sandbox alone delivers to http://localhost.
    const problem = targetUrlProblem(argument, getConfig().ramp.mode === "sandbox");
    if (problem) throw new AppError("invalid_request", problem);
    const client = await platformClientFromConfig();
    const created = await subscribeToRampEvents(client, argument);
    console.log(`Subscribed ${created.target.url} to ${created.eventTypes.join(", ")}.`);
    console.log(`  subscriptionId: ${created.subscriptionId}`);
    console.log(`  secret:         ${created.secret}`);
    console.log("The secret is shown this once. Set it where the receiving app reads it:");
    console.log(`  CDP_WEBHOOK_SECRET=${created.secret}   (in .env.local, or the host's settings)`);
    console.log("Replacing a subscription? Put the old secret after a comma until it is deleted.");
    if (getConfig().ramp.mode === "sandbox")
      console.log("(Sandbox: this subscription lasts until the app restarts.)");
    return 0;
  }
  if (command === "list" && !argument) {
    const subscriptions = await listWebhookSubscriptions(await platformClientFromConfig());
    if (subscriptions.length === 0) console.log("No webhook subscriptions.");
    for (const s of subscriptions) {
      console.log(`${s.subscriptionId}  ${s.isEnabled ? "enabled " : "disabled"}  ${s.target.url}`);
      console.log(`  ${s.eventTypes.join(", ")}  (created ${s.createdAt})`);
    }
    return 0;
  }
  if (command === "delete" && argument) {
    await deleteWebhookSubscription(await platformClientFromConfig(), argument);
    console.log(`Deleted subscription ${argument}.`);
    return 0;
  }
  console.error(USAGE);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    if (isAppError(error) || error instanceof ConfigError || error instanceof CdpKeyError)
      console.error(`webhooks: ${error.message}`);
    else console.error(error);
    // The sandbox answers only while the app runs, at APP_URL: say where it was looked for.
    if (isAppError(error) && error.status >= 500 && getConfig().ramp.mode === "sandbox")
      console.error(
        `webhooks: asked the sandbox of the app at ${getConfig().appUrl}. Is it running there? If it listens elsewhere, set APP_URL.`,
      );
    process.exitCode = 1;
  },
);
