import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { OutboxPacing } from "../adapters/scheduler/outbox-worker.js";
import { createI18nextTranslator } from "../adapters/i18n/i18next-translator.js";
import { buildApp, localesDir, type FrontDesk } from "../app/build-app.js";
import { createLogger } from "../app/logger.js";
import type { Config, PlaygroundConfig } from "../config/config.js";
import type { Team } from "../core/domain/registry.js";
import { FAKE_SLACK_TEAM, startFakeSlack, type FakeSlack } from "../testing/fake-slack-server.js";
import { playgroundSlackToken } from "./fake-tokens.js";
import { startFakeTelegram, type FakeTelegram } from "../testing/fake-telegram-server.js";
import { demoChannels, demoProperty, demoStaff, loadDemoData } from "./demo-data.js";
import { Playground } from "./playground.js";
import { mountPlaygroundRoutes } from "./routes.js";
import { StaticFiles } from "./static-files.js";
import { VirtualClock } from "./virtual-clock.js";

const telegramToken = "7000000001:playground-bot-token";
const slackToken = playgroundSlackToken;

/** Options of {@link startPlayground}; production takes the defaults. */
export interface PlaygroundOptions {
  logger?: Logger;
  /** Run due work every minute on the product's time (default on, as in production). */
  cron?: boolean;
  /** Wall clock in ms (tests). */
  wallMs?: () => number;
  /**
   * The outbox's rate-limit pacing (tests); by default real pauses on the product's time, so the
   * owners' quiet hours are those of the time the page shows, not of the hour it is played at.
   */
  outboxPacing?: OutboxPacing;
}

/** A started playground: its address, the product and fakes behind it (for tests), and how to stop it all. */
export interface RunningPlayground {
  url: string;
  app: FrontDesk;
  playground: Playground;
  telegram: FakeTelegram;
  slack: FakeSlack;
  clock: VirtualClock;
  /** Whether this start loaded the demo data (false when the database already had it). */
  demoLoaded: boolean;
  stop(): Promise<void>;
}

/** The product's configuration pointing at the in-process fakes, one Slack channel per team. */
export function playgroundProductConfig(base: PlaygroundConfig, fakes: { telegramApiRoot: string; slackApiUrl: string }, signingSecret: string): Config {
  const { mode: _mode, ...rest } = base;
  return {
    ...rest,
    telegram: { token: telegramToken, apiRoot: fakes.telegramApiRoot, mode: "polling", webhookSecret: undefined },
    slack: {
      token: slackToken,
      signingSecret,
      apiUrl: fakes.slackApiUrl,
      botId: FAKE_SLACK_TEAM.botId,
      botUserId: FAKE_SLACK_TEAM.botUserId,
      channels: Object.fromEntries(Object.entries(demoChannels).map(([team, channel]) => [team, channel.id])) as Record<Team, string>,
    },
  };
}

/**
 * `npm start` without credentials: the fake Bot API and Slack Web API start in-process, the
 * whole product is built against them exactly as against the real platforms (grammY long
 * polling, Bolt's signed receiver, the outbox worker, the cron ticker), the demo data is loaded
 * once, and the page is served on the product's port. The signing secret is new on every start:
 * only this process signs the clicks it sends itself.
 */
export async function startPlayground(config: PlaygroundConfig, options: PlaygroundOptions = {}): Promise<RunningPlayground> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const [telegram, slack] = await Promise.all([
    startFakeTelegram({ token: telegramToken, botInfo: { first_name: `${demoProperty.name} Service`, username: "sunny_gardens_service_bot" } }),
    startFakeSlack({
      token: slackToken,
      users: Object.fromEntries(demoStaff.map((member) => [member.staffUserId, { real_name: member.name, name: member.name.toLowerCase().replace(/\s+/g, ".") }])),
      channels: Object.fromEntries(Object.values(demoChannels).map((channel) => [channel.id, { name: channel.name }])),
    }),
  ]);
  const signingSecret = randomBytes(24).toString("hex");
  const clock = new VirtualClock(options.wallMs);
  // The page speaks English; rule names come from the same staff locale keys the cards use, so a new kind's clocks need no page change.
  const pageText = createI18nextTranslator({ localesDir, timeZone: config.timeZone, fallbackLocale: "en" });
  const describeRule = (rule: string) => pageText.t("en", `staff:clocks.${rule.replace(/\./g, "_")}`);
  const playground = new Playground({ telegram, slack, clock, signingSecret, timeZone: config.timeZone, staffLocale: config.staffLocale, logger: logger.child({ component: "playground" }), describeRule, staffText: (locale) => (key, params) => pageText.t(locale, key, params) });
  let app: FrontDesk | null = null;
  try {
    const files = new StaticFiles();
    app = await buildApp(playgroundProductConfig(config, { telegramApiRoot: telegram.apiRoot, slackApiUrl: slack.apiUrl }, signingSecret), {
      telegramBotInfo: telegram.botInfo,
      time: clock,
      logger,
      ...(options.cron !== undefined ? { cron: options.cron } : {}),
      outboxPacing: options.outboxPacing ?? { now: () => clock.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
      routes: (router) => mountPlaygroundRoutes(router, playground, files, logger.child({ component: "playground" })),
      beforeClose: () => playground.stop(),
    });
    const built = app;
    await clock.load(built.ctx.uow);
    const demo = await loadDemoData(built.ctx);
    if (demo.loaded) logger.info("demo data loaded");
    await playground.attachProduct(built.ctx, () => built.database.wipe(), built.database.reports);
    const url = await built.start();
    playground.attachServer(url);
    return {
      url,
      app: built,
      playground,
      telegram,
      slack,
      clock,
      demoLoaded: demo.loaded,
      async stop() {
        await built.stop();
        await Promise.all([telegram.close(), slack.close()]);
      },
    };
  } catch (error) {
    await app?.stop().catch(() => undefined);
    await Promise.all([telegram.close(), slack.close()]);
    throw error;
  }
}
