import { fileURLToPath } from "node:url";
import type { Bot } from "grammy";
import type { InlineKeyboardButton, Message, Update } from "grammy/types";
import { pino } from "pino";
import { createI18nextTranslator } from "../../../src/adapters/i18n/i18next-translator.js";
import type { BotContext, TelegramDeps } from "../../../src/adapters/telegram/context.js";
import { createBot } from "../../../src/adapters/telegram/create-bot.js";
import { TelegramMessageSender } from "../../../src/adapters/telegram/telegram-message-sender.js";
import { RateGate } from "../../../src/core/domain/rate-gate.js";
import type { OutboxMessage } from "../../../src/core/domain/outbox.js";
import type { UnitOfWork } from "../../../src/core/ports/store.js";
import type { Translator } from "../../../src/core/ports/translator.js";
import type { WorkflowContext } from "../../../src/core/ports/workflow-context.js";
import { productRegistry } from "../../../src/core/kinds/index.js";
import { importStaff } from "../../../src/core/use-cases/import-staff.js";
import { importUnits } from "../../../src/core/use-cases/import-units.js";
import { deliverOutbox } from "../../../src/core/use-cases/deliver-outbox.js";
import { createMemoryStore, type MemoryStore } from "../../../src/testing/memory-store.js";
import {
  callbackQueryUpdate,
  commandUpdate,
  contactUpdate,
  photoUpdate,
  startFakeTelegram,
  textMessageUpdate,
  type FakeTelegram,
  type FakeUser,
} from "../../../src/testing/index.js";
import { ManualTime, staffRows, unitRow } from "../../support/workflow-fixture.js";

export const token = "123456:TEST-owner-bot";
export const localesDir = fileURLToPath(new URL("../../../locales", import.meta.url));

/** Owners of the test property; phones match the registry rows the harness imports. */
export const englishOwner: FakeUser = { id: 7001, first_name: "Fang", last_name: "Wang", language_code: "en" };
export const chineseOwner: FakeUser = { id: 7002, first_name: "丽", last_name: "李", language_code: "zh-hans" };
export const stranger: FakeUser = { id: 7003, first_name: "Olga", language_code: "ru" };
export const englishOwnerPhone = "+8613800000001";
export const chineseOwnerPhone = "+8613800000002";

/** {@link englishOwner}'s row in the registry, as overrides of {@link unitRow}. */
export const englishOwnerRow = { owner_name: "Wang Fang", phone: englishOwnerPhone, language: "en" };

/**
 * One property (units, owners, staff) in a memory store, a fake Bot API, and the owners' bot
 * built by createBot over both. `newBot()` builds another instance over the same store and API,
 * as a restarted process would.
 */
export interface Harness {
  telegram: FakeTelegram;
  store: MemoryStore;
  time: ManualTime;
  workflow: WorkflowContext;
  translator: Translator;
  deps: TelegramDeps;
  bot: Bot<BotContext>;
  /** Every log line as parsed JSON. */
  logs: Record<string, unknown>[];
  rawLogs: string[];
  missingKeys: string[];
  newBot(): Bot<BotContext>;
  handle(update: Update, bot?: Bot<BotContext>): Promise<void>;
  command(user: FakeUser, command: string, args?: string): Promise<void>;
  text(user: FakeUser, text: string): Promise<void>;
  photo(user: FakeUser, fileId: string): Promise<void>;
  contact(user: FakeUser, phone: string, contactUserId?: number | null): Promise<void>;
  /** Presses the button labelled `label` on the latest bot message in the user's chat that shows it. */
  press(user: FakeUser, label: string, bot?: Bot<BotContext>): Promise<void>;
  /** Texts of the bot's messages in the user's chat, oldest first. */
  texts(user: FakeUser): string[];
  lastText(user: FakeUser): string;
  buttonsOf(message: Message | undefined): InlineKeyboardButton[];
  /** Labels of the reply keyboard under the user's input field. */
  replyKeyboardLabels(user: FakeUser): string[];
  outbox(): OutboxMessage[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  units?: Record<string, string>[];
  at?: string;
  /** Wraps the store the bot sees (the arrange steps use the plain store), e.g. to inject a failure. */
  botStore?: (store: MemoryStore) => UnitOfWork;
  /** The property's emergency number (`EMERGENCY_PHONE`); default none. */
  emergencyPhone?: string;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const telegram = await startFakeTelegram({ token });
  const store = createMemoryStore();
  const time = new ManualTime(new Date(options.at ?? "2026-11-30T02:00:00Z"));
  const workflow: WorkflowContext = { uow: store, time, timeZone: "Asia/Shanghai", kinds: productRegistry() };
  const missingKeys: string[] = [];
  const translator = createI18nextTranslator({
    localesDir,
    timeZone: "Asia/Shanghai",
    fallbackLocale: "zh-CN",
    onMissingKey: (locale, key) => missingKeys.push(`${locale} ${key}`),
  });
  const rawLogs: string[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void rawLogs.push(line) });
  const botWorkflow: WorkflowContext = { ...workflow, uow: options.botStore ? options.botStore(store) : store };
  const deps: TelegramDeps = { workflow: botWorkflow, translator, defaultLocale: "zh-CN", logger, emergencyPhone: options.emergencyPhone ?? null };

  const units = options.units ?? [unitRow(englishOwnerRow), unitRow({ unit: "0801", owner_name: "李丽", phone: chineseOwnerPhone, language: "zh-CN" })];
  const imported = await importUnits(workflow, units.map((values, index) => ({ line: index + 2, values })));
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  const staff = await importStaff(workflow, staffRows.map((values, index) => ({ line: index + 2, values })));
  if (!staff.ok) throw new Error(JSON.stringify(staff.problems));

  const newBot = () => createBot(token, deps, { apiRoot: telegram.apiRoot, botInfo: telegram.botInfo });
  const bot = newBot();
  const handle = (update: Update, target = bot) => target.handleUpdate(update);
  const buttonsOf = (message: Message | undefined) => message?.reply_markup?.inline_keyboard.flat() ?? [];

  return {
    telegram,
    store,
    time,
    workflow,
    translator,
    deps,
    bot,
    get logs() {
      return rawLogs.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    rawLogs,
    missingKeys,
    newBot,
    handle,
    command: (user, command, args) => handle(commandUpdate({ user, command, args })),
    text: (user, text) => handle(textMessageUpdate({ user, text })),
    photo: (user, fileId) => handle(photoUpdate({ user, fileIds: [`${fileId}-small`, fileId] })),
    contact: (user, phone, contactUserId) => handle(contactUpdate({ user, phone, contactUserId })),
    async press(user, label, target = bot) {
      const message = [...telegram.chat(user.id)].reverse().find((candidate) => buttonsOf(candidate).some((button) => button.text === label));
      const button = buttonsOf(message).find((candidate) => candidate.text === label);
      if (!message || !button || !("callback_data" in button)) {
        throw new Error(`no button "${label}" in chat ${user.id}; shown: ${JSON.stringify(telegram.chat(user.id).map((m) => [m.text, buttonsOf(m).map((b) => b.text)]))}`);
      }
      await handle(callbackQueryUpdate({ user, data: button.callback_data, message }), target);
    },
    texts: (user) => telegram.chat(user.id).map((message) => message.text ?? ""),
    lastText(user) {
      return telegram.chat(user.id).at(-1)?.text ?? "";
    },
    buttonsOf,
    replyKeyboardLabels: (user) =>
      telegram.replyKeyboard(user.id)?.keyboard.flat().map((button) => (typeof button === "string" ? button : button.text)) ?? [],
    outbox: () => store.snapshot().outbox,
    close: () => telegram.close(),
  };
}

/** Registers and verifies an owner through the bot: /start, then their own registry contact. */
export async function verifyThroughBot(harness: Harness, user: FakeUser, phone: string): Promise<void> {
  await harness.command(user, "start");
  await harness.contact(user, phone);
}

/**
 * Delivers the queued owner notices through the real Telegram sender to the fake Bot API. On the
 * workflow clock, not the wall clock: the memory store holds a row until its createdAt, and the
 * simulated day lies ahead of the real one.
 */
export function deliverOwnerNotices(harness: Harness) {
  return deliverOutbox({
    uow: harness.store,
    channel: "telegram",
    sender: new TelegramMessageSender(harness.bot.api, harness.translator, harness.workflow.kinds, harness.workflow.timeZone),
    gate: new RateGate(),
    now: harness.time.now,
    sleep: async () => undefined,
  });
}
