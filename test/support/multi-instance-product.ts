/**
 * One instance of the product as its own process, for tests that run several on one database and
 * kill some: `tsx test/support/multi-instance-product.ts '<env as JSON>'`. It runs the real outbox
 * worker and the scheduler, ticking every second, with one more task, {@link recordedNoticeTask}:
 * each run queues one owner notice naming its job, so a job run twice shows as two notices.
 * Prints `started <pid>` once serving; runs until killed.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { UserFromGetMe } from "grammy/types";
import { buildApp } from "../../src/app/build-app.js";
import { createLogger } from "../../src/app/logger.js";
import { loadConfig } from "../../src/config/config.js";

/** The task the instances run: `data.chat` is the owner's chat; `data.workMs` holds the job's transaction that long. */
export const recordedNoticeTask = "system.recorded-notice";

const env = JSON.parse(process.argv[2] ?? "{}") as Record<string, string>;
const config = loadConfig(env);
if (config.mode !== "live") throw new Error("multi-instance-product needs both platforms configured");
const botInfo = { id: 1, is_bot: true as const, first_name: "Front Desk", username: "frontdesk_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false } as UserFromGetMe;
const app = await buildApp(config, {
  telegramBotInfo: botInfo,
  cronExpression: "* * * * * *",
  awaitTelegram: false,
  outboxPollMs: 200,
  logger: createLogger(env.LOG_LEVEL === "silent" ? "silent" : "warn"),
  moreTasks: {
    [recordedNoticeTask]: {
      source: "test support: a task whose every run is visible at the fake Telegram",
      async run({ store, job, data, now }) {
        // Work that takes a while, inside the job's transaction: a kill lands mid-run more often.
        if (typeof data.workMs === "number") await sleep(data.workMs);
        const chatId = String(data.chat);
        await store.outbox.enqueue({ id: randomUUID(), createdAt: now, payload: { type: "owner.notice", chatId, locale: "en", key: "complaint.received", params: { number: job.id }, buttons: [] } });
        return { outcome: "queued", detail: job.id };
      },
    },
  },
});
await app.start();
process.stdout.write(`started ${process.pid}\n`);
