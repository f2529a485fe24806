import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import { webApi, type ExpressReceiver } from "@slack/bolt";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import { ConfigError, type Config } from "../config/config.js";
import type { TaskDefinition } from "../core/case/kind.js";
import type { TimeSource } from "../core/ports/time-source.js";
import { ownerHoursOf } from "../core/ports/workflow-context.js";
import { createI18nextTranslator } from "../adapters/i18n/i18next-translator.js";
import { startCronTicker, tickIntervalMs } from "../adapters/scheduler/cron-ticker.js";
import { assertKindsCovered } from "./kind-coverage.js";
import { detailsTables } from "../adapters/persistence/kinds/index.js";
import { slackKinds } from "../adapters/slack/kinds/index.js";
import { dailyReceiptsTask } from "../core/reports/daily-receipts.js";
import { monthlyReportTask } from "../core/reports/monthly-task.js";
import { ensureRecurringTasks } from "../core/use-cases/ensure-recurring-tasks.js";
import { pruneTaskId } from "../core/use-cases/system-tasks.js";
import { monthCloseTask, monthVisitsTask } from "../core/kinds/service/package/tasks.js";
import { reminderRunTask } from "../core/kinds/fee/reminder-run.js";
import { weekSummaryTask } from "../core/kinds/fee/use-cases/ladder-summary.js";
import { startOutboxWorker, type OutboxPacing } from "../adapters/scheduler/outbox-worker.js";
import { createLeaseHolder } from "../adapters/scheduler/lease-holder.js";
import { createSenderLease } from "../adapters/scheduler/sender-lease.js";
import type { CronTicker } from "../adapters/scheduler/cron-ticker.js";
import { createSlackApp } from "../adapters/slack/create-slack-app.js";
import { reportMonthSlackDigest, slackDigests } from "../adapters/slack/digests/index.js";
import { createSlackSenderClient, SlackMessageSender } from "../adapters/slack/slack-message-sender.js";
import { publishOwnerCommands } from "../adapters/telegram/commands.js";
import { createBot, createOutboxApi } from "../adapters/telegram/create-bot.js";
import { TelegramPause } from "../adapters/telegram/rate-limit-pause.js";
import { TelegramMessageSender } from "../adapters/telegram/telegram-message-sender.js";
import { telegramWebhookHandler } from "../adapters/telegram/webhook-handler.js";
import { installHttpErrorHandler } from "./http-errors.js";
import { drainableIntake, InFlight, settlesWithin } from "./drain.js";
import { TelegramPhotoSource } from "../adapters/telegram/telegram-photo-source.js";
import { createLogger } from "./logger.js";
import { loggingBusinessEvents } from "./business-log.js";
import { openWorkflow } from "./open-workflow.js";
import { explainListenError } from "./port-in-use.js";
import { healthCheck, schedulerHeartbeat } from "./health.js";
import { createMetrics } from "./metrics.js";

export interface BuildOptions {
  /** The bot's own user; skips `getMe` (tests, or a known bot). */
  telegramBotInfo?: UserFromGetMe;
  time?: TimeSource;
  logger?: Logger;
  /** Outbox polling for rows written by other processes; default 2 s. */
  outboxPollMs?: number;
  /**
   * The clock and sleep the platforms' rate limits are kept on, the outbox's and the bot's replies'
   * alike; default real time (tests pass a virtual one).
   */
  outboxPacing?: OutboxPacing;
  /** Run due work every minute with node-cron (off in tests, which tick by hand; `/healthz` then reports the scheduler "off"). */
  cron?: boolean;
  /** node-cron expression of the scheduler's tick; every minute by default (tests tick every second). */
  cronExpression?: string;
  /** The wall clock `/healthz` measures the scheduler's last tick on; default real time (tests drive it). */
  wallClock?: () => Date;
  /** Whether `start` waits for the Telegram bot to be ready (default true; `npm start` does not). */
  awaitTelegram?: boolean;
  /** More routes on the product's one HTTP port (the local playground serves its page and API here). */
  routes?: (router: ExpressReceiver["router"]) => void;
  /**
   * The host this instance's outbox lease holder reports (default the machine's name). Tests that
   * run several instances in one process give each its own: under one host and pid, each would
   * take the other for its own previous run and take back its leases.
   */
  leaseHolderHost?: string;
  /** System tasks beyond the product's (tests: a task whose every run is visible). */
  moreTasks?: Record<string, TaskDefinition>;
  /** Runs in `stop` once no work is in flight, before the database closes (the playground saves its screens). */
  beforeClose?: () => Promise<void>;
  /**
   * How long `stop` waits for in-flight work (webhook handlers, Slack listeners, the delivery and
   * the tick under way) before it closes the database anyway; default 8 s, inside the 10 s a
   * service manager commonly grants between SIGTERM and SIGKILL.
   */
  drainMs?: number;
}

export type FrontDesk = Awaited<ReturnType<typeof buildApp>>;

export const localesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../locales");

/**
 * The composition root: the only place that creates clients and wires the adapters to the core.
 * Building opens the database and applies pending migrations; `start` begins serving HTTP,
 * polling Telegram (in polling mode), delivering the outbox and ticking the scheduler.
 */
export async function buildApp(config: Config, options: BuildOptions = {}) {
  const logger = options.logger ?? createLogger(config.logLevel);
  const workflow = await openWorkflow(config, options.time, options.moreTasks ? { moreTasks: options.moreTasks } : {});
  if (workflow.migrated.length > 0) logger.info({ migrations: workflow.migrated }, "database migrated");
  const translator = createI18nextTranslator({
    localesDir,
    timeZone: config.timeZone,
    fallbackLocale: config.defaultLocale,
    onMissingKey: (locale, key) => logger.warn({ locale, key }, "missing translation"),
  });
  const ctx = { ...workflow.ctx, uow: loggingBusinessEvents(workflow.ctx.uow, logger.child({ component: "events" })) };
  try {
    assertKindsCovered(ctx.kinds, { slack: slackKinds.map((module) => module.kind), persistence: detailsTables.map((table) => table.kind) });
    // The nightly housekeeping and the packages' month work are jobs like any other: queued once, then re-queued by each run.
    await ensureRecurringTasks(ctx, [{ task: pruneTaskId }, { task: monthVisitsTask }, { task: monthCloseTask }, { task: reminderRunTask }, { task: weekSummaryTask }, { task: dailyReceiptsTask }, { task: monthlyReportTask }]);
  } catch (error) {
    await workflow.close();
    throw error;
  }

  const metrics = createMetrics({ uow: ctx.uow, time: ctx.time });
  const cronEnabled = options.cron ?? true;
  const heartbeat = cronEnabled ? schedulerHeartbeat(options.wallClock ?? (() => new Date())) : null;
  const health = healthCheck({ ping: () => workflow.database.ping(), heartbeat, tickIntervalMs, now: options.wallClock ?? (() => new Date()), logger: logger.child({ component: "health" }) });

  // One rate-limit wait for the bot's replies and the outbox's deliveries: one bot, one limit.
  const pacing = options.outboxPacing;
  const telegramPause = new TelegramPause(
    pacing ? () => pacing.now().getTime() : undefined,
    pacing ? (ms) => pacing.sleep(ms) : undefined,
    () => metrics.rateLimited("telegram"),
  );
  const bot = createBot(
    config.telegram.token,
    {
      workflow: ctx,
      translator,
      defaultLocale: config.defaultLocale,
      logger: logger.child({ adapter: "telegram" }),
      emergencyPhone: config.emergencyPhone,
      onUpdateHandled: () => metrics.updateHandled("telegram"),
    },
    {
      apiRoot: config.telegram.apiRoot,
      pause: telegramPause,
      // Telegram answers a second getUpdates consumer with 409, so polling is one instance: a claim
      // it finds is its killed previous run's and must not make the redelivery wait out a lease.
      ...(config.telegram.mode === "polling" ? { claims: { leaseMs: 0, chatLeases: false } } : {}),
      ...(options.telegramBotInfo ? { botInfo: options.telegramBotInfo } : {}),
    },
  );
  // Bolt's own client waits out a 429 by itself; the outbox needs to see it to pause the platform.
  const slackSender = createSlackSenderClient({ token: config.slack.token, apiUrl: config.slack.apiUrl, logger });
  slackSender.on(webApi.WebClientEvent.RATE_LIMITED, () => metrics.rateLimited("slack"));
  const botIdentity = await slackBotIdentity(config, slackSender);
  const slack = createSlackApp({
    token: config.slack.token,
    signingSecret: config.slack.signingSecret,
    apiUrl: config.slack.apiUrl,
    ...botIdentity,
    workflow: ctx,
    translator,
    staffLocale: config.staffLocale,
    channelFor: (team) => config.slack.channels[team],
    logger: logger.child({ adapter: "slack" }),
    onEventHandled: () => metrics.updateHandled("slack"),
    onRateLimited: () => metrics.rateLimited("slack"),
  });

  // Bolt answers Slack at ack(), before its listener is done: a drain must wait for the listener.
  const inFlight = new InFlight();
  slack.app.use(({ next }) => inFlight.track(next));

  // One id for this process in every lease it takes: outbox rows, job claims, the sender leases.
  let ticker: CronTicker | null = null;
  const leaseHolder = createLeaseHolder({ uow: ctx.uow, logger: logger.child({ adapter: "scheduler" }), onJobsReleased: () => ticker?.runNow(), ...(options.leaseHolderHost ? { host: options.leaseHolderHost } : {}) });
  const worker = startOutboxWorker({
    uow: ctx.uow,
    senders: {
      telegram: new TelegramMessageSender(createOutboxApi(config.telegram.token, telegramPause, config.telegram.apiRoot), translator, ctx.kinds, ctx.timeZone, {
        // A long notice's parts already sent survive a crash, so the next claim sends only the rest.
        get: (key) => ctx.uow.transaction((store) => store.messageRefs.get(key)),
        set: (key, ref) => ctx.uow.transaction((store) => store.messageRefs.set(key, ref)),
      }),
      slack: new SlackMessageSender({
        client: slackSender,
        workflow: ctx,
        translator,
        staffLocale: config.staffLocale,
        channelFor: (team) => config.slack.channels[team],
        digests: [...slackDigests, reportMonthSlackDigest(workflow.database.reports)],
        photos: new TelegramPhotoSource(bot.api, config.telegram.token, config.telegram.apiRoot),
        logger: logger.child({ adapter: "slack" }),
      }),
    },
    logger,
    leases: leaseHolder,
    // One delivering instance per platform at a time, so its limits hold for all instances together.
    senderLease: (channel) => createSenderLease({ uow: ctx.uow, channel, holder: leaseHolder.id, logger: logger.child({ adapter: "scheduler" }), isGone: (holder) => leaseHolder.isGone(holder) }),
    ownerHours: { hours: ownerHoursOf(ctx), timeZone: ctx.timeZone },
    ...(options.outboxPollMs ? { pollMs: options.outboxPollMs } : {}),
    ...(options.outboxPacing ? { pacing: options.outboxPacing } : {}),
  });
  ctx.onOutboxWritten = () => worker.wake();

  slack.receiver.router.get("/healthz", (_req, res, next) => {
    health().then(({ status, body }) => res.status(status).json(body), next);
  });
  slack.receiver.router.get("/metrics", (_req, res) => {
    metrics.render().then(
      (text) => res.type(metrics.contentType).send(text),
      (error: unknown) => {
        // A scrape that cannot read the backlog fails as a whole: stale gauges would look healthy.
        logger.warn({ err: error }, "metrics: the backlog could not be read");
        res.status(503).type("text/plain").send("the database did not answer\n");
      },
    );
  });
  if (config.telegram.mode === "webhook") {
    // The configuration requires the secret in webhook mode; an empty one would accept any caller.
    if (!config.telegram.webhookSecret) throw new ConfigError("TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_MODE is webhook");
    const handler = telegramWebhookHandler(bot, { secretToken: config.telegram.webhookSecret, logger: logger.child({ adapter: "telegram" }), ready: () => botKnown });
    slack.receiver.router.post("/telegram/webhook", (req, res) => void handler(req, res));
  }
  options.routes?.(slack.receiver.router);
  installHttpErrorHandler(slack.receiver.app, logger);
  const intake = drainableIntake(slack.receiver.app, inFlight);
  const server = http.createServer(intake.listener);
  let polling: Promise<void> | null = null;
  let telegramReady: Promise<void> = Promise.resolve();
  /** Settles once `getMe` has answered (or failed): what an early webhook update waits for. */
  let botKnown: Promise<void> = Promise.resolve();
  let stopped = false;
  let stopping: Promise<void> | null = null;

  return {
    ctx,
    database: workflow.database,
    bot,
    slack,
    worker,
    logger,
    /** Listens on `config.port` (0 picks a free port) and starts the background work; returns the base URL. */
    async start(): Promise<string> {
      await new Promise<void>((resolve, reject) => {
        server.once("error", (error) => reject(explainListenError(error, config.port)));
        server.listen(config.port, resolve);
      });
      const url = `http://localhost:${(server.address() as AddressInfo).port}`;
      // Scheduled work and Slack do not wait for Telegram: an unreachable Bot API must not stop
      // callbacks from being prompted and escalated.
      if (heartbeat) {
        heartbeat.start();
        ticker = startCronTicker(ctx, logger.child({ adapter: "scheduler" }), {
          leaseOwner: leaseHolder.id,
          ...(options.cronExpression ? { expression: options.cronExpression } : {}),
          onTick: (reports) => {
            heartbeat.beat();
            metrics.escalated(reports.filter((report) => report.outcome === "escalated").length);
          },
        });
      }
      worker.wake();
      const slow = setTimeout(() => logger.error({ apiRoot: config.telegram.apiRoot }, "Telegram Bot API not reachable yet; owners' messages wait until it is (check TELEGRAM_API_ROOT and the network)"), 15_000);
      const init = bot.init();
      botKnown = init.catch(() => undefined);
      telegramReady = init.then(
        async () => {
          clearTimeout(slow);
          await publishOwnerCommands(bot.api, translator, config.defaultLocale).catch((error: unknown) => {
            logger.warn({ err: error }, "could not publish the bot's command menu");
          });
          if (config.telegram.mode === "polling" && !stopped) {
            polling = bot.start({ drop_pending_updates: false }).catch((error: unknown) => {
              logger.fatal({ err: error }, "telegram polling stopped");
            });
          }
        },
        (error: unknown) => {
          clearTimeout(slow);
          logger.fatal({ err: error }, "the Telegram bot could not start; check TELEGRAM_BOT_TOKEN");
        },
      );
      if (options.awaitTelegram ?? true) await telegramReady;
      logger.info({ url, database: workflow.database.kind, telegram: config.telegram.mode }, "front desk started");
      return url;
    },
    /**
     * A bounded drain: stops taking work (new HTTP requests get 503 and no new connection is
     * accepted, polling stops, no tick starts), lets the work in flight finish (webhook handlers,
     * Slack listeners, the tick's current round, the message being delivered; the rest of the
     * outbox's batch is handed back), then closes the database. What has not finished within
     * `drainMs` is cut off and logged; an update it was handling was not recorded as handled, so
     * Telegram's redelivery acts on it again. Calling it again returns the same stop.
     */
    stop(): Promise<void> {
      stopping ??= (async () => {
        stopped = true;
        const startedMs = Date.now();
        intake.refuse();
        const closed = new Promise<void>((resolve) => {
          if (!server.listening) return resolve();
          server.close(() => resolve());
        });
        server.closeIdleConnections();
        const drained = Promise.allSettled([
          (async () => {
            if (bot.isRunning()) await bot.stop();
            await polling;
          })(),
          ticker?.stop(),
          worker.stop(),
          inFlight.idle(),
        ]).then((results) => {
          for (const result of results) if (result.status === "rejected") logger.error({ err: result.reason }, "stopping: a part failed to stop");
        });
        const finished = await settlesWithin(drained, options.drainMs ?? 8_000);
        if (finished) logger.info({ durationMs: Date.now() - startedMs }, "in-flight work finished");
        else logger.warn({ inFlight: inFlight.size, durationMs: Date.now() - startedMs }, "stopping before in-flight work finished; Telegram redelivers the updates it was handling");
        // Long-lived responses (the playground's event stream) would hold close() open forever.
        server.closeAllConnections();
        await closed;
        await options.beforeClose?.();
        await workflow.close();
      })();
      return stopping;
    },
  };
}

/** The bot's Slack ids: from the configuration, or asked once with auth.test. */
async function slackBotIdentity(config: Config, client: ReturnType<typeof createSlackSenderClient>): Promise<{ botId: string; botUserId: string }> {
  if (config.slack.botId && config.slack.botUserId) return { botId: config.slack.botId, botUserId: config.slack.botUserId };
  let auth;
  try {
    auth = await client.auth.test();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`Slack refused or could not be reached (${reason}); check SLACK_BOT_TOKEN and SLACK_API_URL`);
  }
  if (!auth.bot_id || !auth.user_id) throw new ConfigError("SLACK_BOT_TOKEN is not a bot token (xoxb-...): Slack's auth.test returned no bot ids");
  return { botId: auth.bot_id, botUserId: auth.user_id };
}
