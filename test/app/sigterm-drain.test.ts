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
import { reportRepair } from "../../src/core/kinds/repair/use-cases/report-repair.js";
import { actionIds } from "../../src/adapters/slack/interaction-values.js";
import { startFakeSlack, type FakeSlack } from "../../src/testing/fake-slack-server.js";
import { blockActionPayload, postToBolt } from "../../src/testing/slack-payloads.js";
import type { SlackShownMessage } from "../../src/testing/slack-workspace.js";
import { buttonsOf } from "../adapters/slack/block-text.js";
import { commandUpdate, startFakeTelegram, type FakeTelegram, type TelegramCall } from "../../src/testing/fake-telegram-server.js";

const webhookSecret = "drain-secret";
const households = 150;
const owners = 40;
const householdChat = (n: number) => String(620_000_000 + n);
const ownerId = (n: number) => 7_100_000 + n;
/** Repairs whose cards a technician claims in Slack meanwhile, reported by owners of their own. */
const repairs = 6;
const repairOwner = (n: number) => String(630_000_000 + n);
const signingSecret = "drain-signing-secret";
const staffChannel = "CSTAFF";
const technician = "UMAINT1";

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

/** Households with a verified owner and a fee due yesterday, today's reminder run due in a few seconds, and repairs reported. */
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
      // Due once the repairs' cards are in Slack (one message a second to a channel).
      await store.jobs.enqueueOnce({ id: `task:${reminderRunTask}:drain-test`, runAt: new Date(now.getTime() + (repairs + 2) * 1000), payload: { type: "task", task: reminderRunTask, caseId: null, data: {} } });
      await store.staff.upsert({ staffUserId: technician, name: "Zhang Wei", team: "maintenance", role: "member" });
      const repairUnits = await store.units.upsertMany(Array.from({ length: repairs }, (_, n) => ({ building: "8", unit: String(100 + n), areaM2: 90, handoverDate: "2020-06-01", warrantyMonths: 24 })));
      await store.residents.insertMany(repairUnits.map(({ unit }, n) => ({ unitId: unit.id, name: `报修${n}`, phone: `+86137${String(n).padStart(8, "0")}`, locale: "zh-CN", role: "owner", source: "registry" })));
      for (let n = 0; n < repairs; n++) {
        await store.identities.save({ ownerUserId: repairOwner(n), chatId: repairOwner(n), locale: "zh-CN", displayName: `报修${n}`, phone: `+86137${String(n).padStart(8, "0")}`, verified: true });
      }
    });
    for (let n = 0; n < repairs; n++) {
      await reportRepair(workflow.ctx, { ownerUserId: repairOwner(n), category: "plumbing", description: "厨房水龙头一直滴水", photos: [], publicArea: null, preferredTime: "明天上午" });
    }
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

/** The value of the card's button `actionId`, or undefined when the card shows none. */
const buttonOn = (card: SlackShownMessage, actionId: string) => buttonsOf(card.blocks).find((button) => button.action_id === actionId)?.value;

/** The technician's Claim on a repair's card, as Slack posts it; the status, or null when the connection was refused or cut. */
async function claim(url: string, slack: FakeSlack, card: SlackShownMessage): Promise<number | null> {
  const payload = blockActionPayload({
    user: technician,
    channel: staffChannel,
    messageTs: card.ts,
    actionId: actionIds.claim,
    value: buttonOn(card, actionIds.claim),
    message: card,
    responseUrl: slack.responseUrl(staffChannel, card.ts, technician),
  });
  try {
    return (await postToBolt(`${url}/slack/events`, signingSecret, payload)).status;
  } catch {
    return null;
  }
}

describe("SIGTERM while owners write, staff claim repairs, the reminder run's deliveries go out and the scheduler ticks", () => {
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
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_STAFF_CHANNEL: staffChannel,
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

  it("refuses new webhook requests and Slack clicks, finishes what it was doing, exits 0 within 10 s, and after a restart handles each update, claim and reminder exactly once", async () => {
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

    // The repairs' cards are in the staff channel.
    const cards = () => slack.channel(staffChannel).filter((message) => buttonOn(message, actionIds.claim) !== undefined);
    await until(() => cards().length >= repairs, 60_000, "the repairs' cards");
    const caseOf = (card: SlackShownMessage) => (JSON.parse(buttonOn(card, actionIds.claim) ?? "{}") as { ticketId: string }).ticketId;

    // Owners keep writing, each a /start of their own, a few at a time as Telegram delivers them.
    const updates = Array.from({ length: owners }, (_, n) => commandUpdate({ user: { id: ownerId(n), first_name: `Owner ${n}`, language_code: "en" }, command: "start", updateId: telegram.nextUpdateId() }));
    const answers = new Map<number, number | null>();
    const writing = updates.map(async (update, n) => {
      await new Promise((resolve) => setTimeout(resolve, n * 40));
      answers.set(update.update_id, await deliver(url, update));
    });
    // A technician claims the repairs from their cards meanwhile, one click after another.
    const clicks = new Map<SlackShownMessage, number | null>();
    const clicking = cards().map(async (card, n) => {
      await new Promise((resolve) => setTimeout(resolve, n * 150));
      clicks.set(card, await claim(url, slack, card));
    });
    await until(() => answers.size >= 8 && clicks.size >= 2, 20_000, "owners' first updates and the first claims to be answered");
    const signalledAt = Date.now();
    child.kill("SIGTERM");
    const exit = await exited;
    const stoppedInMs = Date.now() - signalledAt;
    await Promise.all([...writing, ...clicking]);

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
    // Each claim answered before the stop was carried out; none after it was.
    const statusOf = (card: SlackShownMessage) => left.ctx.uow.transaction(async (store) => (await store.cases.findById(caseOf(card)))?.status);
    const claimed = [...clicks].filter(([, status]) => status === 200).map(([card]) => card);
    const unclaimed = [...clicks].filter(([, status]) => status !== 200).map(([card]) => card);
    for (const card of claimed) expect(await statusOf(card)).toBe("assigned");
    await left.close();
    expect(counts.sending).toBe(0);
    expect(unclaimed.length).toBeGreaterThan(0);
    expect(unclaimed.every((card) => [503, null].includes(clicks.get(card) as number | null))).toBe(true);

    // The restart: Telegram redelivers what it has no answer for; here every update comes again.
    app = await buildApp(liveConfig(env), { telegramBotInfo: telegram.botInfo, cronExpression: "* * * * * *", outboxPollMs: 200, logger: createLogger("silent") });
    const restartedUrl = await app.start();
    for (const update of updates) expect(await deliver(restartedUrl, update)).toBe(200);
    // Slack does not send a click again: the technician, seeing no change, clicks once more.
    for (const card of unclaimed) expect(await claim(restartedUrl, slack, card)).toBe(200);
    await until(() => reminders().length >= households, 90_000, "every reminder after the restart");
    // A message sent twice would arrive after the last one expected: give it the time to.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    for (let n = 0; n < owners; n++) expect(repliesTo(n), `owner ${n}`).toHaveLength(2);
    // Every repair claimed, each exactly once.
    const claims = await app.ctx.uow.transaction(async (store) =>
      Promise.all([...clicks.keys()].map(async (card) => (await store.cases.listEvents(caseOf(card)))
        .filter((event) => event.toStatus === "assigned").length)),
    );
    expect(claims).toEqual(Array.from({ length: repairs }, () => 1));
    for (const chat of householdChats) {
      expect(telegram.callsOf("sendMessage").filter((call) => String(call.payload.chat_id) === chat && call.response?.status === 200), `household ${chat}`).toHaveLength(1);
    }
  }, 300_000);
});
