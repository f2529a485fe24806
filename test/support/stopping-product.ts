/**
 * The product as its own process, stopped the way a service manager stops it: `tsx
 * test/support/stopping-product.ts '<env as JSON>'`. It runs as `npm start` does (the scheduler
 * on, here ticking every second so due work runs within the test) and installs the same signal
 * handling as `src/main.ts`; the test sends SIGTERM and reads the exit code. Its log goes to
 * stderr at the env's `LOG_LEVEL`.
 */
import type { UserFromGetMe } from "grammy/types";
import { buildApp } from "../../src/app/build-app.js";
import { createLogger } from "../../src/app/logger.js";
import { loadConfig } from "../../src/config/config.js";
import { stopOnSignals } from "../../src/main.js";

const env = JSON.parse(process.argv[2] ?? "{}") as Record<string, string>;
const config = loadConfig(env);
if (config.mode !== "live") throw new Error("stopping-product needs both platforms configured");
const botInfo = { id: 1, is_bot: true as const, first_name: "Front Desk", username: "frontdesk_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false } as UserFromGetMe;
const logger = createLogger(config.logLevel, process.stderr);
const app = await buildApp(config, { telegramBotInfo: botInfo, cronExpression: "* * * * * *", awaitTelegram: false, outboxPollMs: 200, logger });
const url = await app.start();
stopOnSignals({ logger, stop: () => app.stop() });
process.stdout.write(`started ${url}\n`);
