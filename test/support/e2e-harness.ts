import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Writable } from "node:stream";
import type { InlineKeyboardButton, Message, Update } from "grammy/types";
import { expect, vi } from "vitest";
import { buildApp, localesDir, type BuildOptions, type FrontDesk } from "../../src/app/build-app.js";
import { createLogger } from "../../src/app/logger.js";
import { runCli } from "../../src/cli.js";
import { loadConfig } from "../../src/config/config.js";
import { createI18nextTranslator } from "../../src/adapters/i18n/i18next-translator.js";
import type { Locale } from "../../src/core/domain/registry.js";
import { startFakeSlack, type FakeSlack } from "../../src/testing/fake-slack-server.js";
import { startFakeTelegram, type FakeTelegram } from "../../src/testing/fake-telegram-server.js";
import { blockActionPayload, postToBolt, viewSubmissionPayload } from "../../src/testing/slack-payloads.js";
import type { SlackShownMessage } from "../../src/testing/slack-workspace.js";
import { callbackQueryUpdate, commandUpdate, contactUpdate, photoUpdate, textMessageUpdate, type FakeUser } from "../../src/testing/telegram-updates.js";
import type { ScaledClock } from "./scaled-clock.js";
import { VirtualPacing } from "./virtual-pacing.js";
import { ManualTime } from "./workflow-fixture.js";

export const staffChannel = "CSTAFF";
export const frontDeskChannel = "CFRONT";
const signingSecret = "e2e-signing-secret";
const webhookSecret = "e2e-webhook-secret";

export const translator = createI18nextTranslator({ localesDir, timeZone: "Asia/Shanghai", fallbackLocale: "zh-CN" });

/**
 * The whole product as `npm start` runs it (HTTP server, grammY in webhook mode, Bolt, outbox
 * worker, real database), with only Telegram's and Slack's servers replaced by the fakes, and
 * the admin CLI run in-process against the same database.
 */
export type HarnessBuildOptions = Pick<BuildOptions, "cron" | "cronExpression" | "wallClock">;

export class Harness {
  app!: FrontDesk;
  url!: string;
  readonly time = new ManualTime(new Date("2026-11-30T02:00:00Z"));
  /**
   * The outbox keeps the platforms' limits on this clock, so no story waits them out. It starts at
   * the story's 10:00 and moves on with {@link tickAt}, so owners' quiet hours (kept on it) are the
   * story's, not those of the hour the suite runs at.
   */
  readonly pacing: VirtualPacing | ScaledClock;
  /** Every line the product logged, as written (JSON), at the level `start` was given. */
  readonly logLines: string[] = [];
  /** Instances started by {@link another}, beside {@link app}. */
  private readonly others: FrontDesk[] = [];

  private constructor(
    readonly telegram: FakeTelegram,
    readonly slack: FakeSlack,
    readonly env: Record<string, string>,
    private readonly dir: string,
    private readonly logLevel: string,
    private readonly build: HarnessBuildOptions,
    pacing: ScaledClock | undefined,
  ) {
    this.pacing = pacing ?? new VirtualPacing(this.time.now());
  }

  /**
   * `logLevel` is the product's log level, its lines kept in {@link logLines} (default: silent);
   * `env` adds to or overrides the product's environment (another `DATABASE_URL`); `build`
   * runs the scheduler (`cron`, off by default) on a driven wall clock; `clock` puts the
   * platforms' rate limits, the product's and the fakes' alike, on a sped-up real clock instead
   * of the default one that jumps over every pause (tests of long `retry_after` waits).
   */
  static async start(options: { logLevel?: string; env?: Record<string, string>; build?: HarnessBuildOptions; clock?: ScaledClock } = {}): Promise<Harness> {
    const clock = options.clock;
    const fakeClock = clock ? { clock: () => clock.nowMs() } : {};
    const [telegram, slack] = await Promise.all([startFakeTelegram(fakeClock), startFakeSlack(fakeClock)]);
    const dir = mkdtempSync(path.join(tmpdir(), "frontdesk-e2e-"));
    const env = {
      DATABASE_URL: `file:${dir}/frontdesk.db`,
      TELEGRAM_BOT_TOKEN: "123456:e2e-token",
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_MODE: "webhook",
      TELEGRAM_WEBHOOK_SECRET: webhookSecret,
      SLACK_BOT_TOKEN: "xoxb-e2e",
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_STAFF_CHANNEL: staffChannel,
      SLACK_CHANNEL_FRONTDESK: frontDeskChannel,
      SLACK_BOT_ID: "B0E2E",
      SLACK_BOT_USER_ID: "U0E2EBOT",
      PORT: "0",
      STAFF_LOCALE: "en",
      LOG_LEVEL: "silent",
      ...options.env,
    };
    const harness = new Harness(telegram, slack, env, dir, options.logLevel ?? "silent", options.build ?? {}, clock);
    await harness.cli("import", "units", harness.csv("units.csv", [
      "building,unit,area_m2,handover_date,warranty_months,owner_name,phone,language",
      "3,1202,89.5,2025-06-01,24,王芳,+8613800000001,zh-CN",
      "5,0801,120,2019-03-01,24,Tom Baker,+8613900000002,en",
    ]));
    await harness.cli("import", "staff", harness.csv("staff.csv", [
      "slack_user_id,name,team,role",
      "UFRONT1,Lily Chen,frontdesk,member",
      "UFRONTL,Grace Wu,frontdesk,leader",
      "UMAINT1,Zhang Wei,maintenance,member",
      "UMAINTL,Zhao Lei,maintenance,leader",
    ]));
    // The sample standard: a paid repair's Done records its items from the maintenance part.
    await harness.cli("import", "prices", fileURLToPath(new URL("../../samples/prices.csv", import.meta.url)));
    await harness.boot();
    return harness;
  }

  /** Builds and starts the product over the same database, as after a restart. */
  async boot(): Promise<void> {
    this.app = await this.buildInstance();
    this.url = await this.app.start();
  }

  /**
   * Starts one more instance of the product over the same database and fakes, as several run
   * behind one webhook; returns its base URL. `extra` may leave out the bot's own user, so that it
   * asks Telegram with `getMe` as `npm start` does. It logs into the same {@link logLines} and stops
   * with {@link stop}.
   */
  async another(extra: Pick<BuildOptions, "telegramBotInfo" | "awaitTelegram"> = {}): Promise<string> {
    // One process, but two instances: each must look like its own process to the outbox's leases.
    const app = await this.buildInstance({ leaseHolderHost: `instance-${this.others.length + 2}`, ...extra });
    this.others.push(app);
    return app.start();
  }

  private async buildInstance(extra: Pick<BuildOptions, "leaseHolderHost" | "telegramBotInfo" | "awaitTelegram"> = {}): Promise<FrontDesk> {
    const config = loadConfig(this.env);
    if (config.mode !== "live") throw new Error("the e2e harness configures both platforms; got playground mode");
    return buildApp(config, { telegramBotInfo: this.telegram.botInfo, time: this.time, cron: false, outboxPollMs: 50, outboxPacing: this.pacing, logger: createLogger(this.logLevel, this.logSink()), ...this.build, ...extra });
  }

  private logSink(): Writable {
    return new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        this.logLines.push(...chunk.toString("utf8").split("\n").filter((line) => line !== ""));
        done();
      },
    });
  }

  /** The logged lines as objects. */
  logs(): Record<string, unknown>[] {
    return this.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  async restart(): Promise<void> {
    await this.app.stop();
    await this.boot();
  }

  async stop(): Promise<void> {
    for (const other of this.others.splice(0)) await other.stop();
    await this.app.stop();
    await Promise.all([this.telegram.close(), this.slack.close()]);
    rmSync(this.dir, { recursive: true, force: true });
  }

  csv(name: string, lines: string[]): string {
    const file = path.join(this.dir, name);
    writeFileSync(file, `${lines.join("\n")}\n`);
    return file;
  }

  /** Runs the admin CLI in-process; returns what it printed. */
  async cli(...args: string[]): Promise<string> {
    const printed: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void printed.push(parts.join(" ")));
    const error = vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void printed.push(parts.join(" ")));
    try {
      const code = await runCli(args, this.env);
      expect(code, printed.join("\n")).toBe(0);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
    return printed.join("\n");
  }

  /** Posts an update to the webhook of the instance at `url` as Telegram does; returns the HTTP status. */
  async postUpdate(url: string, update: Update): Promise<number> {
    const response = await fetch(`${url}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": webhookSecret },
      body: JSON.stringify(update),
    });
    await response.arrayBuffer();
    return response.status;
  }

  /** Moves the product's time to `at` and runs `npm run frontdesk -- tick --at` there. */
  async tickAt(at: Date): Promise<string> {
    this.time.set(at);
    if (at.getTime() > this.pacing.now().getTime()) this.pacing.jumpTo(at);
    return this.cli("tick", "--at", at.toISOString());
  }

  /** Waits until every queued message has reached the fakes. */
  async delivered(): Promise<void> {
    for (const app of [this.app, ...this.others]) {
      app.worker.wake();
      await app.worker.idle();
    }
  }

  /**
   * Bolt answers Slack right after ack(), before the listener's work is done: wait (delivering
   * the outbox meanwhile) until what a user would see holds.
   */
  async until(assertion: () => void): Promise<void> {
    await vi.waitFor(async () => {
      await this.delivered();
      assertion();
    }, { timeout: 10_000, interval: 25 });
  }

  owner(user: FakeUser, locale: Locale): OwnerPhone {
    return new OwnerPhone(this, user, locale);
  }

  staff(staffUserId: string): StaffMemberAtSlack {
    return new StaffMemberAtSlack(this, staffUserId);
  }
}

export class OwnerPhone {
  constructor(private readonly h: Harness, readonly user: FakeUser, readonly locale: Locale) {}

  t(key: string, params: Record<string, string | number> = {}): string {
    return translator.t(this.locale, key, params);
  }

  /** Messages the owner's chat shows now, oldest first. */
  chat(): Message[] {
    return this.h.telegram.chat(this.user.id);
  }

  texts(): string[] {
    return this.chat().map((message) => message.text ?? message.caption ?? "");
  }

  lastText(): string {
    return this.texts().at(-1) ?? "";
  }

  private async post(update: Update): Promise<void> {
    const response = await fetch(`${this.h.url}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": webhookSecret },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(200);
    await this.h.delivered();
  }

  say(text: string) {
    return this.post(text.startsWith("/") ? commandUpdate({ user: this.user, command: text.slice(1) }) : textMessageUpdate({ user: this.user, text }));
  }

  shareOwnContact(phone: string) {
    return this.post(contactUpdate({ user: this.user, phone, contactUserId: this.user.id }));
  }

  sendPhoto(fileId: string) {
    return this.post(photoUpdate({ user: this.user, fileIds: [fileId] }));
  }

  /**
   * Presses the newest inline button whose label satisfies `label` (exact text, or a test), on a
   * message whose text contains `containing` when given (one of several under /mine).
   */
  async press(label: string | ((text: string) => boolean), containing?: string): Promise<void> {
    const matches = typeof label === "string" ? (text: string) => text === label : label;
    for (const message of [...this.chat()].reverse()) {
      if (containing !== undefined && !(message.text ?? message.caption ?? "").includes(containing)) continue;
      const buttons = (message.reply_markup?.inline_keyboard ?? []).flat() as InlineKeyboardButton[];
      const button = buttons.find((candidate) => matches(candidate.text));
      if (button && "callback_data" in button) {
        await this.post(callbackQueryUpdate({ user: this.user, data: button.callback_data, message }));
        return;
      }
    }
    throw new Error(`no button ${String(label)} in the chat:\n${this.texts().join("\n---\n")}`);
  }
}

export class StaffMemberAtSlack {
  constructor(private readonly h: Harness, readonly staffUserId: string) {}

  /** The message in `channel` whose text mentions `needle` (a ticket number), as shown now. */
  card(channel: string, needle: string): SlackShownMessage {
    // Replies in a card's thread (its photos) are not cards.
    const topLevel = this.h.slack.channel(channel).filter((message) => message.thread_ts === undefined || message.thread_ts === message.ts);
    const card = [...topLevel].reverse().find((message) => JSON.stringify(message.blocks ?? message.text).includes(needle));
    if (!card) throw new Error(`no message mentioning ${needle} in ${channel}`);
    return card;
  }

  /** Clicks the button labelled `label` on the card, as Slack would post it to /slack/events. */
  async click(channel: string, needle: string, label: string): Promise<void> {
    const card = this.card(channel, needle);
    const button = buttonsOf(card).find((candidate) => candidate.text.text === label);
    if (!button) throw new Error(`no button "${label}" on ${needle}: ${buttonsOf(card).map((b) => b.text.text).join(", ")}`);
    await this.postAction(channel, card, button.action_id, button.value);
  }

  /**
   * Posts an action the card does not show now, with the card's current button value (a click
   * on a copy drawn before, or a forged one): the product must refuse what the case does not allow.
   */
  async clickHidden(channel: string, needle: string, actionId: string): Promise<void> {
    const card = this.card(channel, needle);
    const value = buttonsOf(card)[0]?.value;
    if (value === undefined) throw new Error(`${needle} has no button whose value to reuse`);
    await this.postAction(channel, card, actionId, value);
  }

  private async postAction(channel: string, card: SlackShownMessage, actionId: string, value: string | undefined): Promise<void> {
    const response = await postToBolt(
      `${this.h.url}/slack/events`,
      signingSecret,
      blockActionPayload({ user: this.staffUserId, channel, messageTs: card.ts, actionId, value, message: card, responseUrl: this.h.slack.responseUrl(channel, card.ts, this.staffUserId) }),
    );
    expect(response.status).toBe(200);
  }

  /** Submits the newest modal with values for its inputs, keyed by the inputs' action ids. */
  async submitModal(values: Record<string, Record<string, unknown>>): Promise<void> {
    const view = this.h.slack.views().at(-1);
    if (!view) throw new Error("no modal is open");
    const state: Record<string, Record<string, never>> = {};
    for (const block of (view.blocks ?? []) as { type: string; block_id?: string; element?: { action_id?: string } }[]) {
      const actionId = block.element?.action_id;
      if (block.type === "input" && block.block_id && actionId && values[actionId]) state[block.block_id] = { [actionId]: values[actionId] as never };
    }
    const response = await postToBolt(`${this.h.url}/slack/events`, signingSecret, viewSubmissionPayload({ user: this.staffUserId, values: state, view }));
    expect(response.status).toBe(200);
  }
}

interface ButtonElement {
  type: "button";
  action_id: string;
  value?: string;
  text: { text: string };
}

export function buttonsOf(message: SlackShownMessage): ButtonElement[] {
  const buttons: ButtonElement[] = [];
  for (const block of (message.blocks ?? []) as { type: string; elements?: { type: string }[]; accessory?: { type: string } }[]) {
    for (const element of [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])]) {
      if (element.type === "button") buttons.push(element as ButtonElement);
    }
  }
  return buttons;
}

export function textOf(message: SlackShownMessage): string {
  return JSON.stringify(message.blocks ?? []) + message.text;
}
