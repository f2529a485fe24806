import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildApp, type FrontDesk } from "../../src/app/build-app.js";
import { createLogger } from "../../src/app/logger.js";
import { openWorkflow } from "../../src/app/open-workflow.js";
import { loadConfig, type Config } from "../../src/config/config.js";
import type { Charge } from "../../src/core/domain/fees.js";
import { reminderRunTask } from "../../src/core/kinds/fee/reminder-run.js";
import { startFakeSlack, type FakeSlack } from "../../src/testing/fake-slack-server.js";
import { commandUpdate, startFakeTelegram, type FakeTelegram, type TelegramCall } from "../../src/testing/fake-telegram-server.js";

const webhookSecret = "drain-secret";
const households = 150;
const owners = 40;
const householdChat = (n: number) => String(620_000_000 + n);
const ownerId = (n: number) => 7_100_000 + n;

function liveConfig(env: Record<string, string>): Config {
  const config = loadConfig(env);
  if (config.mode !== "live") throw new Error("both platforms are configured; got playground mode");
  return config;
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Households with a verified owner and a fee due yesterday, and today's reminder run due now. */
async function seed(env: Record<string, string>): Promise<void> {
  const workflow = await openWorkflow(liveConfig(env));
  const now = new Date();
  const yesterday = new Date(now.getTime() - 86_400_000).toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
  try {
    await workflow.ctx.uow.transaction(async (store) => {
      const units = await store.units.upsertMany(Array.from({ length: households }, (_, n) => ({ building: "7", unit: String(1000 + n), areaM2: 90, handoverDate: "2020-06-01", warrantyMonths: 24 })));
      const phone = (n: number) => `+86136${String(n).padStart(8, "0")}`;
      await store.residents.insertMany(units.map(({ unit }, n) => ({ unitId: unit.id, name: `业主${n}`, phone: phone(n), locale: "zh-CN", role: "owner", source: "registry" })));
      for (let n = 0; n < households; n++) {
        await store.identities.save({ ownerUserId: householdChat(n), chatId: householdChat(n), locale: "zh-CN", displayName: `业主${n}`, phone: phone(n), verified: true });
      }
      const charges: Charge[] = units.map(({ unit }) => ({ id: crypto.randomUUID(), unitId: unit.id, feeType: "property", period: "2026-11", amountFen: 26_850, dueDate: yesterday, paidFen: 0, promisedBy: null, disputeCaseId: null, createdAt: now, updatedAt: now }));
      await store.charges.upsertMany(charges);
      await store.jobs.enqueueOnce({ id: `task:${reminderRunTask}:drain-test`, runAt: now, payload: { type: "task", task: reminderRunTask, caseId: null, data: {} } });
    });
  } finally {
    await workflow.close();
  }
}

/** POSTs an update as Telegram's webhook does; the status, or null when the connection was refused or cut. */
async function deliver(url: string, update: Update): Promise<number | null> {
  try {
    const response = await fetch(`${url}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": webhookSecret },
      body: JSON.stringify(update),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}

describe("SIGTERM while owners write, the reminder run's deliveries go out and the scheduler ticks", () => {
  let dir: string;
  let telegram: FakeTelegram;
  let slack: FakeSlack;
  let child: ChildProcess | undefined;
  let app: FrontDesk | undefined;
  let env: Record<string, string>;
  let stderr = "";

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "frontdesk-drain-"));
    [telegram, slack] = await Promise.all([startFakeTelegram(), startFakeSlack()]);
    env = {
      DATABASE_URL: `file:${dir}/frontdesk.db`,
      TELEGRAM_BOT_TOKEN: "123456:drain-token",
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_MODE: "webhook",
      TELEGRAM_WEBHOOK_SECRET: webhookSecret,
      SLACK_BOT_TOKEN: "xoxb-drain",
      SLACK_SIGNING_SECRET: "drain-signing-secret",
      SLACK_API_URL: slack.apiUrl,
      SLACK_STAFF_CHANNEL: "CSTAFF",
      SLACK_BOT_ID: "B0DRAIN",
      SLACK_BOT_USER_ID: "U0DRAINBOT",
      PORT: "0",
      // Reminders go at any real hour the suite runs at but the minute after midnight in Shanghai.
      QUIET_HOURS: "00:00-00:01",
      LOG_LEVEL: "warn",
    };
    await seed(env);
  });

  afterEach(async () => {
    child?.kill("SIGKILL");
    await app?.stop();
    await Promise.all([telegram.close(), slack.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses new webhook requests, finishes what it was doing, exits 0 within 10 s, and after a restart handles each update and delivers each reminder exactly once", async () => {
    child = spawn(process.execPath, ["--import", "tsx", "test/support/stopping-product.ts", JSON.stringify(env)], { stdio: ["ignore", "pipe", "pipe"] });
    child.stderr?.on("data", (chunk: Buffer) => void (stderr += chunk.toString("utf8")));
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child!.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString("utf8");
        const started = /started (\S+)/.exec(out);
        if (started?.[1]) resolve(started[1]);
      });
      child!.once("exit", (code) => reject(new Error(`the product exited (${String(code)}) before starting:\n${stderr}`)));
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child!.once("exit", (code, signal) => resolve({ code, signal })));
    const householdChats = new Set(Array.from({ length: households }, (_, n) => householdChat(n)));
    const reminders = () => telegram.callsOf("sendMessage").filter((call) => householdChats.has(String(call.payload.chat_id)) && call.response?.status === 200);
    // The tick ran the reminder run and the outbox is delivering it.
    await until(() => reminders().length >= 10, 120_000, "the reminder run's deliveries").catch((error: unknown) => {
      throw new Error(`${String(error)}; sent ${reminders().length}; calls ${telegram.calls.length}; product log:\n${stderr.split("\n").filter((l) => l.startsWith("{")).join("\n")}`);
    });

    // Owners keep writing, each a /start of their own, a few at a time as Telegram delivers them.
    const updates = Array.from({ length: owners }, (_, n) => commandUpdate({ user: { id: ownerId(n), first_name: `Owner ${n}`, language_code: "en" }, command: "start", updateId: telegram.nextUpdateId() }));
    const answers = new Map<number, number | null>();
    const writing = updates.map(async (update, n) => {
      await new Promise((resolve) => setTimeout(resolve, n * 40));
      answers.set(update.update_id, await deliver(url, update));
    });
    await until(() => answers.size >= 8, 20_000, "owners' first updates to be answered");
    const signalledAt = Date.now();
    child.kill("SIGTERM");
    const exit = await exited;
    const stoppedInMs = Date.now() - signalledAt;
    await Promise.all(writing);

    expect(exit, stderr).toEqual({ code: 0, signal: null });
    expect(stoppedInMs).toBeLessThan(10_000);
    const handled = updates.filter((update) => answers.get(update.update_id) === 200);
    const refused = updates.filter((update) => answers.get(update.update_id) !== 200);
    // Requests after the signal were refused (503, or no connection), never answered with a failure.
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((update) => [503, null].includes(answers.get(update.update_id) as number | null))).toBe(true);
    // What it handled it finished: each owner answered has both replies of /start.
    const repliesTo = (n: number) => telegram.callsOf("sendMessage").filter((call: TelegramCall) => call.payload.chat_id === ownerId(n) && call.response?.status === 200);
    for (const update of handled) expect(repliesTo(update.message!.from.id - ownerId(0))).toHaveLength(2);
    // The delivery under way finished: nothing is left marked as being sent, and the run was cut mid-way.
    const sentBeforeStop = reminders().length;
    expect(sentBeforeStop).toBeLessThan(households);
    const left = await openWorkflow(liveConfig(env));
    const counts = await left.ctx.uow.transaction((store) => store.outbox.countByStatus());
    await left.close();
    expect(counts.sending).toBe(0);

    // The restart: Telegram redelivers what it has no answer for; here every update comes again.
    app = await buildApp(liveConfig(env), { telegramBotInfo: telegram.botInfo, cronExpression: "* * * * * *", outboxPollMs: 200, logger: createLogger("silent") });
    const restartedUrl = await app.start();
    for (const update of updates) expect(await deliver(restartedUrl, update)).toBe(200);
    await until(() => reminders().length >= households, 90_000, "every reminder after the restart");
    // A message sent twice would arrive after the last one expected: give it the time to.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    for (let n = 0; n < owners; n++) expect(repliesTo(n), `owner ${n}`).toHaveLength(2);
    for (const chat of householdChats) {
      expect(telegram.callsOf("sendMessage").filter((call) => String(call.payload.chat_id) === chat && call.response?.status === 200), `household ${chat}`).toHaveLength(1);
    }
  }, 300_000);
});
