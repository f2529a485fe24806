import { afterEach, describe, expect, it } from "vitest";
import { createBot, createOutboxApi } from "../../../src/adapters/telegram/create-bot.js";
import { replyAttempts, TelegramPause } from "../../../src/adapters/telegram/rate-limit-pause.js";
import { commandUpdate } from "../../../src/testing/index.js";
import type { TelegramCall } from "../../../src/testing/index.js";
import { createHarness, englishOwner, englishOwnerPhone, token, verifyThroughBot, type Harness } from "./telegram-harness.js";

const apology = "Sorry, something went wrong on our side. Please try again in a moment.";

/** The calls that would put a message in a chat, in arrival order. */
const sends = (h: Harness): TelegramCall[] => h.telegram.calls.filter((call) => ["sendMessage", "sendPhoto", "editMessageText"].includes(call.method));

/** Every send after the 429 came once its retry_after had passed: nothing was sent into the wait. */
function expectNothingSentDuring(h: Harness, limited: TelegramCall, retryAfterS: number): void {
  const after = sends(h).filter((call) => call.at > limited.at);
  expect(after.length).toBeGreaterThan(0);
  for (const call of after) expect(call.at - limited.at).toBeGreaterThanOrEqual(retryAfterS * 1000 - 20);
}

describe("replies sent straight from a handler under Telegram's rate limit", () => {
  let h: Harness;

  afterEach(async () => {
    expect(h.missingKeys).toEqual([]);
    await h.close();
  });

  it("the phone prompt after /start survives a 429: sent once retry_after has passed, and no apology", async () => {
    h = await createHarness();
    h.telegram.failNext("sendMessage", { status: 429, retryAfter: 1 });

    await h.command(englishOwner, "start");

    const limited = h.telegram.callsOf("sendMessage")[0]!;
    expect(limited.response?.status).toBe(429);
    expect(h.lastText(englishOwner)).toMatch(/share your phone number/);
    expect(h.texts(englishOwner)).not.toContain(apology);
    expectNothingSentDuring(h, limited, 1);
  });

  it("a conversation's question survives a 429 (the /repair category prompt), and the conversation goes on", async () => {
    h = await createHarness();
    await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    h.telegram.failNext("sendMessage", { status: 429, retryAfter: 1 });
    const before = h.telegram.callsOf("sendMessage").length;

    await h.command(englishOwner, "repair");

    const limited = h.telegram.callsOf("sendMessage")[before]!;
    expect(limited.response?.status).toBe(429);
    expect(h.lastText(englishOwner)).toBe("What needs repairing?");
    expect(h.texts(englishOwner)).not.toContain(apology);
    expectNothingSentDuring(h, limited, 1);
    await h.press(englishOwner, "Water leak");
    expect(h.lastText(englishOwner)).not.toBe(apology);
    // Replayed by the conversation, the retried question is still shown once.
    expect(h.texts(englishOwner).filter((text) => text.startsWith("What needs repairing?"))).toHaveLength(1);
    expect(h.texts(englishOwner).filter((text) => text.startsWith("Let's report a repair"))).toHaveLength(1);
  });

  it("when a reply fails for good, the apology waits for the running retry_after and is delivered", async () => {
    h = await createHarness();
    // One 429 more than a reply is tried: the handler gives up, and the boundary's apology meets the last one.
    for (let n = 0; n <= replyAttempts; n++) h.telegram.failNext("sendMessage", { status: 429, retryAfter: 1 });

    await h.command(englishOwner, "start");

    const calls = h.telegram.callsOf("sendMessage");
    expect(calls.filter((call) => call.response?.status === 429)).toHaveLength(replyAttempts + 1);
    for (let n = 1; n < calls.length; n++) expect(calls[n]!.at - calls[n - 1]!.at).toBeGreaterThanOrEqual(980);
    expect(h.lastText(englishOwner)).toBe(apology);
  }, 30_000);

  it("several owners starting at once under a 429 all get their phone prompt, none sent during the wait", async () => {
    h = await createHarness();
    const owners = [englishOwner, { ...englishOwner, id: 7101 }, { ...englishOwner, id: 7102 }, { ...englishOwner, id: 7103 }];
    for (const _owner of owners) h.telegram.failNext("sendMessage", { status: 429, retryAfter: 2 });

    await Promise.all(owners.map((owner) => h.command(owner, "start")));

    const calls = h.telegram.callsOf("sendMessage");
    const lastLimited = Math.max(...calls.filter((call) => call.response?.status === 429).map((call) => call.at));
    for (const owner of owners) {
      expect(h.lastText(owner)).toMatch(/share your phone number/);
      const delivered = calls.filter((call) => String(call.payload.chat_id) === String(owner.id) && call.response?.status === 200);
      expect(delivered.length).toBeGreaterThan(0);
      for (const call of delivered) expect(call.at - lastLimited).toBeGreaterThanOrEqual(1980 - 50);
    }
  }, 30_000);

  it("the outbox sends nothing into a wait a handler's 429 started: the bot and the outbox share one pause", async () => {
    h = await createHarness();
    const pause = new TelegramPause();
    const bot = createBot(token, h.deps, { apiRoot: h.telegram.apiRoot, botInfo: h.telegram.botInfo, pause });
    const outbox = createOutboxApi(token, pause, h.telegram.apiRoot);
    h.telegram.failNext("sendMessage", { status: 429, retryAfter: 1 });

    const handling = bot.handleUpdate(commandUpdate({ user: englishOwner, command: "start" }));
    const limited = await h.telegram.waitForCall("sendMessage", (call) => call.response?.status === 429);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await outbox.sendMessage(7102, "queued notice");
    await handling;

    const notice = h.telegram.callsOf("sendMessage").find((call) => call.payload.text === "queued notice")!;
    expect(notice.at - limited.at).toBeGreaterThanOrEqual(980);
  });
});
