/**
 * The product as its own process, for tests that kill it: `tsx test/support/crashing-product.ts
 * '<env as JSON>'`. It serves until killed; the test decides when (SIGKILL, nothing cleaned up).
 */
import type { UserFromGetMe } from "grammy/types";
import { buildApp } from "../../src/app/build-app.js";
import { createLogger } from "../../src/app/logger.js";
import { loadConfig } from "../../src/config/config.js";

const env = JSON.parse(process.argv[2] ?? "{}") as Record<string, string>;
const config = loadConfig(env);
if (config.mode !== "live") throw new Error("crashing-product needs both platforms configured");
const botInfo = { id: 1, is_bot: true as const, first_name: "Front Desk", username: "frontdesk_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false } as UserFromGetMe;
const app = await buildApp(config, { telegramBotInfo: botInfo, cron: false, awaitTelegram: false, outboxPollMs: 200, logger: createLogger("silent") });
await app.start();
process.stdout.write("started\n");
