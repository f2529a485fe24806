import { afterEach, describe, expect, it } from "vitest";
import type { TelegramCall } from "../../../src/testing/index.js";
import { createHarness, englishOwner, englishOwnerPhone, verifyThroughBot, type Harness } from "./telegram-harness.js";

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
  });

  it("when a reply fails for good, the apology waits for the running retry_after instead of being refused too", async () => {
    h = await createHarness();
    // More 429s than a reply is retried: the handler gives up and the boundary apologises.
    for (let n = 0; n < 12; n++) h.telegram.failNext("sendMessage", { status: 429, retryAfter: 1 });
    h.telegram.failNext("sendMessage", { status: 400, description: "Bad Request: chat not found" });

    await h.command(englishOwner, "start");

    const calls = h.telegram.callsOf("sendMessage");
    for (let n = 1; n < calls.length; n++) {
      const previous = calls[n - 1]!;
      if (previous.response?.status === 429) expect(calls[n]!.at - previous.at).toBeGreaterThanOrEqual(980);
    }
  }, 30_000);
});
