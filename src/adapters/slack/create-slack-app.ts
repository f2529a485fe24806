import { App, webApi, type ExpressReceiver } from "@slack/bolt";
import { toBoltLogger } from "./bolt-logger.js";
import { FreshRequestReceiver } from "./fresh-request-receiver.js";
import { registerListeners } from "./listeners/index.js";
import type { SlackDeps } from "./slack-deps.js";
import { describeError } from "./slack-errors.js";

export type { SlackDeps } from "./slack-deps.js";

/** Slack's replay window for signed requests. */
const maxSkewSeconds = 300;

/**
 * The staff side in Slack: a Bolt App whose ExpressReceiver serves `POST /slack/events`
 * (interactivity), with every listener registered. The composition root mounts its other
 * routes on `receiver.router`/`receiver.app` and serves `receiver.app` on its one port; this
 * function starts nothing and calls no Slack API (the bot ids are given, so no `auth.test`).
 *
 * Requests signed more than 300 s from now either way are refused with 401; interactions are
 * deduplicated through the core's inbox; listeners never edit cards themselves (the core queues
 * a refresh and the outbox sender redraws it within Slack's limits).
 */
export function createSlackApp(deps: SlackDeps): { app: App; receiver: ExpressReceiver } {
  const log = deps.logger.child({ adapter: "slack" });
  const boltLogger = toBoltLogger(log);
  const receiver = new FreshRequestReceiver({
    signingSecret: deps.signingSecret,
    endpoints: "/slack/events",
    logger: boltLogger,
    maxSkewSeconds,
    onRejected: (skewSeconds) => log.warn({ skewSeconds }, "slack request refused: signed too far from now"),
    onRefused: (status, reason) => log.warn({ status, reason }, "slack request refused"),
  });
  const app = new App({
    token: deps.token,
    botId: deps.botId,
    botUserId: deps.botUserId,
    receiver,
    logger: boltLogger,
    clientOptions: {
      slackApiUrl: deps.apiUrl,
      // Listener calls answer a person who just clicked (a trigger id lasts 3 s): retry briefly, never for minutes.
      retryConfig: { retries: deps.retries ?? 2, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
      logger: boltLogger,
    },
  });
  // Bolt hands listeners a client of its own per workspace (pooled), not `app.client`: each is
  // watched for 429s the first time it is seen.
  const watched = new WeakSet<webApi.WebClient>();
  const watch = (client: webApi.WebClient) => {
    if (!deps.onRateLimited || watched.has(client)) return;
    watched.add(client);
    client.on(webApi.WebClientEvent.RATE_LIMITED, deps.onRateLimited);
  };
  watch(app.client);
  // Global middleware runs around every listener: a listener's failure rejects `next`, so only
  // requests handled to the end are counted.
  app.use(async ({ client, next }) => {
    watch(client);
    await next();
    deps.onEventHandled?.();
  });
  app.error(async (error) => {
    log.error({ err: describeError(error) }, "unhandled error in a slack listener");
  });
  registerListeners(app, deps);
  return { app, receiver };
}
