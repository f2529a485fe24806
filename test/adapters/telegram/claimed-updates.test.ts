import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ConversationData } from "@grammyjs/conversations";
import { BotError } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { keyValueStateStorage } from "../../../src/adapters/telegram/conversation-storage.js";
import type { BotContext } from "../../../src/adapters/telegram/context.js";
import { createBot } from "../../../src/adapters/telegram/create-bot.js";
import { chatLeasePrefix } from "../../../src/adapters/telegram/middleware/chat-lease.js";
import { isUpdateDeferred } from "../../../src/adapters/telegram/update-deferred.js";
import { telegramWebhookHandler } from "../../../src/adapters/telegram/webhook-handler.js";
import type { Message } from "grammy/types";
import { callbackQueryUpdate, commandUpdate } from "../../../src/testing/index.js";
import { createHarness, englishOwner, englishOwnerPhone, token, verifyThroughBot, type Harness } from "./telegram-harness.js";

const greeting = /^Hello Fang/;

describe("updates claimed across instances", () => {
  let h: Harness;
  let server: http.Server | undefined;

  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
    expect(h.missingKeys).toEqual([]);
    await h.close();
  });

  /** Another instance of the bot over the same store, on a clock the test moves. */
  const instanceAt = (clock: { nowMs: number }) =>
    createBot(token, h.deps, { apiRoot: h.telegram.apiRoot, botInfo: h.telegram.botInfo, claims: { now: () => clock.nowMs, waitMs: 0 } });

  it("a claim left by a killed instance holds a redelivery off, without a word to the owner, until its 60 s lease has run out; then the redelivery is answered", async () => {
    h = await createHarness();
    const clock = { nowMs: Date.parse("2026-12-01T10:00:00Z") };
    const start = commandUpdate({ user: englishOwner, command: "start" });
    await h.store.transaction((s) =>
      s.inbox.claim("telegram", String(start.update_id), { holder: "killed", at: new Date(clock.nowMs), leaseUntil: new Date(clock.nowMs + 60_000) }),
    );
    const restarted = instanceAt(clock);

    clock.nowMs += 59_000;
    const early = await h.handle(start, restarted).catch((error: unknown) => error);

    expect(early).toBeInstanceOf(BotError);
    expect(isUpdateDeferred((early as BotError).error)).toBe(true);
    expect(h.texts(englishOwner)).toEqual([]);

    clock.nowMs += 1_000;
    await h.handle(start, restarted);
    expect(h.texts(englishOwner)[0]).toMatch(greeting);
  });

  it("with long polling (one consumer per bot) the killed previous run's claim does not hold the redelivery off: it is answered at once", async () => {
    h = await createHarness();
    const clock = { nowMs: Date.parse("2026-12-01T10:00:00Z") };
    const polling = { leaseMs: 0, chatLeases: false, now: () => clock.nowMs, waitMs: 0 };
    const start = commandUpdate({ user: englishOwner, command: "start" });
    await h.store.transaction((s) => s.inbox.claim("telegram", String(start.update_id), { holder: "killed", at: new Date(clock.nowMs), leaseUntil: new Date(clock.nowMs) }));

    clock.nowMs += 1;
    await h.handle(start, createBot(token, h.deps, { apiRoot: h.telegram.apiRoot, botInfo: h.telegram.botInfo, claims: polling }));

    expect(h.texts(englishOwner)[0]).toMatch(greeting);
  });

  it("a delivery whose chat another instance is working on gets 500 from the webhook and no message, so Telegram delivers it again; the redelivery once the chat is free is answered", async () => {
    h = await createHarness();
    const clock = { nowMs: Date.parse("2026-12-01T10:00:00Z") };
    await h.store.transaction((s) => s.keyValues.set(`${chatLeasePrefix}${englishOwner.id}`, JSON.stringify({ holder: "busy-instance", untilMs: clock.nowMs + 60_000 })));
    const handler = telegramWebhookHandler(instanceAt(clock), { secretToken: "secret", logger: h.deps.logger });
    server = http.createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const post = async (body: unknown) =>
      (await fetch(`http://127.0.0.1:${(server?.address() as AddressInfo).port}`, { method: "POST", headers: { "x-telegram-bot-api-secret-token": "secret" }, body: JSON.stringify(body) })).status;
    const start = commandUpdate({ user: englishOwner, command: "start" });

    expect(await post(start)).toBe(500);
    expect(h.texts(englishOwner)).toEqual([]);
    expect(h.logs).toContainEqual(expect.objectContaining({ msg: "telegram update deferred: another instance holds it", updateId: start.update_id, heldBy: "chat" }));

    clock.nowMs += 60_000;
    expect(await post(start)).toBe(200);
    expect(h.texts(englishOwner)[0]).toMatch(greeting);
    expect(h.store.snapshot().keyValues).toEqual({});
  });

  it("a conversation's state written by another instance meanwhile is never overwritten: the late write or delete is deferred and leaves the other's step", async () => {
    h = await createHarness();
    const storage = keyValueStateStorage<BotContext, ConversationData>(h.store, h.deps.logger);
    const ctxOf = () => ({ chatId: englishOwner.id }) as unknown as BotContext;
    const [first, second, third] = [ctxOf(), ctxOf(), ctxOf()];
    const step = (n: number) => ({ version: [0, "owner-1"] as [0, string], state: { repair: [{ step: n }] } as unknown as ConversationData });

    expect(await storage.read(first)).toBeUndefined();
    expect(await storage.read(second)).toBeUndefined();
    await storage.write(first, step(1));
    await expect(storage.write(second, step(2))).rejects.toSatisfy(isUpdateDeferred);
    expect(await storage.read(third)).toEqual(step(1));

    await storage.write(first, step(3));
    await expect(storage.delete(third)).rejects.toSatisfy(isUpdateDeferred);
    expect(await storage.read(ctxOf())).toEqual(step(3));
    expect(h.logs).toContainEqual(expect.objectContaining({ level: 40, msg: "conversation state moved on while this update was handled; not overwritten" }));
  });

  it("an update whose conversation another instance moved on while it was handled keeps nothing: its state is not written, it is not recorded handled, and it is deferred for Telegram to deliver again", async () => {
    h = await createHarness();
    await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    await h.command(englishOwner, "repair");
    const key = `telegram:conversation:${englishOwner.id}`;
    const asked = await h.store.transaction((s) => s.keyValues.getVersioned(key));
    const category = h.buttonsOf(h.telegram.chat(englishOwner.id).at(-1))[0];
    if (!asked || !category || !("callback_data" in category)) throw new Error("the repair conversation asked no category");
    const press = callbackQueryUpdate({ user: englishOwner, data: category.callback_data, message: h.telegram.chat(englishOwner.id).at(-1) as Message });

    // The next question waits at the Bot API while another instance writes the chat's state.
    const question = h.telegram.holdNext("sendMessage");
    const handling = h.handle(press).then(
      () => null,
      (error: unknown) => (error instanceof BotError ? error.error : error),
    );
    while (h.telegram.calls.filter((call) => call.method === "sendMessage").length === h.telegram.callsOf("sendMessage").filter((call) => call.response).length) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const theirs = JSON.stringify({ version: [0, "owner-1"], state: { theirs: true } });
    expect(await h.store.transaction((s) => s.keyValues.setIfVersion(key, theirs, asked.version))).toBe(asked.version + 1);
    question.release();

    expect(isUpdateDeferred(await handling)).toBe(true);
    expect((await h.store.transaction((s) => s.keyValues.getVersioned(key)))?.value).toBe(theirs);
    expect(await h.store.transaction((s) => s.inbox.seen("telegram", String(press.update_id)))).toBe(false);
    expect(await h.store.transaction((s) => s.keyValues.get(`${chatLeasePrefix}${englishOwner.id}`))).toBeNull();
  });

  it("a failed update gives its chat back at once: the owner's next message, on another instance, is answered without waiting out a lease", async () => {
    h = await createHarness();
    await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    const clock = { nowMs: Date.now() };
    const crashing = createBot(token, h.deps, { apiRoot: h.telegram.apiRoot, botInfo: h.telegram.botInfo });
    crashing.api.config.use(() => Promise.reject(new Error("the Bot API connection dropped")));

    const shown = h.texts(englishOwner).length;
    await h.handle(commandUpdate({ user: englishOwner, command: "start" }), crashing);
    await h.handle(commandUpdate({ user: englishOwner, command: "start" }), instanceAt(clock));

    expect(h.texts(englishOwner).slice(shown)).toEqual([expect.stringMatching(/^Welcome back, Fang Wang!/)]);
    expect(Object.keys(h.store.snapshot().keyValues).filter((key) => key.startsWith(chatLeasePrefix))).toEqual([]);
  });
});
