// `npm run webhooks -- subscribe <url> | list | update <id> … | events <id> | delete <id>`: this
// project's webhook subscriptions on Coinbase (or, without a CDP key, on the running app's sandbox).
import { parseArgs } from "node:util";
import { loadEnvConfig } from "@next/env";
import { ConfigError, getConfig, readToolConfig } from "@/lib/config/env";
import { CdpKeyError } from "@/lib/cdp/api-key";
import { AppError, isAppError } from "@/lib/http/app-error";
import { SANDBOX_KEY_FILE } from "@/lib/cdp/sandbox-key-file";
import { platformClientFromConfig } from "@/lib/webhooks/platform-client";
import {
  deleteWebhookSubscription,
  listWebhookSubscriptionEvents,
  listWebhookSubscriptions,
  subscribeToRampEvents,
  updateWebhookSubscription,
  type SubscriptionChanges,
  type WebhookDelivery,
} from "@/lib/webhooks/subscriptions-api";
import { targetUrlProblem } from "@/lib/webhooks/target-url";

const USAGE = `Usage:
  npm run webhooks -- subscribe <https url>   subscribe a receiver to the eight ramp events
  npm run webhooks -- list                    list the subscriptions
  npm run webhooks -- update <subscription id> [options]   change what is given, keep the rest:
      --enable | --disable                    send it events, or stop for now
      --url <https url>                       deliver to another receiver (same secret)
      --event-types <type,type,...>           e.g. onramp.transaction.success,offramp.transaction.success
      --description <text>
      --header "<Name>: <value>"              extra headers sent with each event (repeat for more);
      --no-headers                            they replace the current ones, or remove them all
  npm run webhooks -- events <subscription id>   its deliveries, newest first (the last 50)
  npm run webhooks -- delete <subscription id>`;

async function main(args: string[]): Promise<number> {
  // The same .env files the app reads (.env.local first).
  loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
  // No session to sign, no code to mail: only what calling Coinbase needs is asked for.
  readToolConfig();
  const [command, argument, ...rest] = args;
  if (command === "subscribe" && argument && rest.length === 0) {
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
  if (command === "update" && argument) {
    const changes = readChanges(rest);
    const s = await updateWebhookSubscription(await platformClientFromConfig(), argument, changes);
    console.log(
      `Updated subscription ${s.subscriptionId}: ${s.isEnabled ? "enabled" : "disabled"}.`,
    );
    console.log(`  url:         ${s.target.url}`);
    console.log(`  event types: ${s.eventTypes.join(", ")}`);
    // Names only: a header's value is often a credential.
    const headers = Object.keys(s.target.headers ?? {});
    if (headers.length > 0) console.log(`  headers:     ${headers.join(", ")} (values not shown)`);
    if (s.description) console.log(`  description: ${s.description}`);
    return 0;
  }
  if (command === "events" && argument && rest.length === 0) {
    const events = await listWebhookSubscriptionEvents(await platformClientFromConfig(), argument);
    if (events.length === 0) console.log(`No events delivered to subscription ${argument} yet.`);
    for (const event of events) console.log(describeDelivery(event));
    return 0;
  }
  if (command === "delete" && argument && rest.length === 0) {
    await deleteWebhookSubscription(await platformClientFromConfig(), argument);
    console.log(`Deleted subscription ${argument}.`);
    return 0;
  }
  console.error(USAGE);
  return 1;
}

/** `update`'s options; a mistake in them is an invalid_request that says which. */
function readChanges(args: string[]): SubscriptionChanges {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        enable: { type: "boolean" },
        disable: { type: "boolean" },
        url: { type: "string" },
        "event-types": { type: "string" },
        description: { type: "string" },
        header: { type: "string", multiple: true },
        "no-headers": { type: "boolean" },
      },
    }));
  } catch (error) {
    // Node's own words, without its advice about positionals.
    throw new AppError(
      "invalid_request",
      `${(error as Error).message.split(". ")[0]} (see npm run webhooks)`,
    );
  }
  const refuse = (message: string) => new AppError("invalid_request", message);
  if (values.enable && values.disable) throw refuse("--enable and --disable: choose one");
  if (values.header && values["no-headers"]) throw refuse("--header and --no-headers: choose one");
  const changes: SubscriptionChanges = {
    ...((values.enable || values.disable) && { isEnabled: Boolean(values.enable) }),
    ...(values.url !== undefined && { url: values.url }),
    ...(values["event-types"] !== undefined && {
      eventTypes: values["event-types"]
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    }),
    ...(values.description !== undefined && { description: values.description }),
    ...(values["no-headers"] && { headers: {} }),
    ...(values.header && { headers: Object.fromEntries(values.header.map(readHeader)) }),
  };
  if (Object.keys(changes).length === 0)
    throw refuse(
      "say what to change: --enable, --disable, --url, --event-types, --description, --header or --no-headers",
    );
  return changes;
}

function readHeader(text: string): [string, string] {
  const match = /^([!#$%&'*+.^`|~\w-]+):\s*(.*)$/.exec(text);
  if (!match)
    throw new AppError("invalid_request", `--header takes "<Name>: <value>", not "${text}"`);
  return [match[1]!, match[2]!.trim()];
}

function describeDelivery(event: WebhookDelivery): string {
  const { response, retryCount } = event;
  const answer =
    response?.httpCode !== undefined ? `HTTP ${response.httpCode}` : response?.errorName;
  const outcome = [
    answer,
    response?.elapsedTimeMs !== undefined && `${response.elapsedTimeMs} ms`,
    `${retryCount} ${retryCount === 1 ? "retry" : "retries"}`,
  ].filter(Boolean);
  return `${event.createdAt}  ${event.status.padEnd(10)} ${event.eventTypeName}  ${event.eventId}  (${outcome.join(", ")})`;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    const [command, id] = process.argv.slice(2);
    // An unknown id, said plainly (the log line above keeps Coinbase's correlation id).
    if (isAppError(error) && error.code === "not_found" && id && command !== "subscribe")
      console.error(
        `webhooks: there is no subscription ${id}; \`npm run webhooks -- list\` shows them.`,
      );
    else if (isAppError(error) || error instanceof ConfigError || error instanceof CdpKeyError)
      console.error(`webhooks: ${error.message}`);
    else console.error(error);
    // A configuration error has said all there is (and getConfig would throw it again).
    const sandbox = !(error instanceof ConfigError) && getConfig().ramp.mode === "sandbox";
    // The sandbox's key is the one its last start left on disk (lib/cdp/sandbox-key-file.ts).
    if (sandbox && isAppError(error) && error.code === "upstream_auth")
      console.error(
        `webhooks: the sandbox at ${getConfig().appUrl} refused the key in ${SANDBOX_KEY_FILE}: another sandbox server started in this folder since (npm test, a second npm start) and left its own. Start the app you mean to reach again, then run this again.`,
      );
    // The sandbox answers only while the app runs, at APP_URL: say where it was looked for.
    else if (isAppError(error) && error.status >= 500 && sandbox)
      console.error(
        `webhooks: asked the sandbox of the app at ${getConfig().appUrl}. Is it running there? If it listens elsewhere, set APP_URL.`,
      );
    // A create whose answer was lost may have been made: its secret, shown once, is gone, and a
    // second subscription would deliver every event twice, one copy refused for its signature.
    if (
      command === "subscribe" &&
      isAppError(error) &&
      error.status >= 500 &&
      !error.options.neverSent
    )
      console.error(
        `webhooks: ${sandbox ? "the sandbox" : "Coinbase"} may have made the subscription without saying so. Run \`npm run webhooks -- list\` first, and delete any subscription to ${id} before subscribing again: its secret cannot be shown again.`,
      );
    process.exitCode = 1;
  },
);
