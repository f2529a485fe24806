import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramWebhookHandler } from "../../../src/adapters/telegram/webhook-handler.js";
import { reportRepair } from "../../../src/core/kinds/repair/use-cases/report-repair.js";
import { proposeAppointment } from "../../../src/core/kinds/repair/use-cases/propose-appointment.js";
import { claimCase } from "../../../src/core/use-cases/claim-case.js";
import { nextUpdateId, type FakeUser } from "../../../src/testing/index.js";
import { chineseOwner, createHarness, englishOwner, englishOwnerPhone, stranger, verifyThroughBot, type Harness } from "./telegram-harness.js";

// Random updates, as a broken client, an old bot version or someone probing the webhook might
// send them, through the real bot behind the real webhook route. Whatever arrives: no crash, no
// unhandled rejection, no 5xx, and an owner who wrote or pressed something gets an answer.
const runs = { numRuns: 150 };
/** A property runs many requests: far longer than one example, on a loaded machine too. */
const propertyTimeout = 180_000;
const secretToken = "fuzz-webhook-secret";
const somethingWentWrong = /something went wrong|出了点问题|出错/i;

let h: Harness;
let server: Server;
let url: string;
let caseIds: string[] = [];
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => void rejections.push(reason);

beforeAll(async () => {
  process.on("unhandledRejection", onRejection);
  h = await createHarness();
  await verifyThroughBot(h, englishOwner, englishOwnerPhone);
  const repair = await reportRepair(h.workflow, { ownerUserId: "7001", category: "plumbing", description: "Kitchen tap drips", photos: [], publicArea: null, preferredTime: "Any morning" });
  await claimCase(h.workflow, { caseId: repair.id, staffUserId: "UMAINT1" });
  await proposeAppointment(h.workflow, { caseId: repair.id, staffUserId: "UMAINT1", at: new Date("2026-12-01T06:00:00Z") });
  caseIds = [repair.id];
  server = createServer(telegramWebhookHandler(h.bot, { secretToken, logger: pino({ level: "silent" }) }));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`;
});

afterAll(async () => {
  process.off("unhandledRejection", onRejection);
  server.closeAllConnections();
  server.close();
  await h.close();
});

async function post(update: object): Promise<number> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secretToken }, body: JSON.stringify(update) });
  await response.arrayBuffer();
  return response.status;
}

// --- what owners and strangers send -------------------------------------------------------------

const users: fc.Arbitrary<FakeUser> = fc.oneof(
  fc.constantFrom(englishOwner, chineseOwner, stranger),
  fc.record({ id: fc.integer({ min: 1, max: 2 ** 40 }), first_name: fc.string({ maxLength: 20 }), language_code: fc.option(fc.constantFrom("en", "zh-hans", "ru", "", "xx-YY"), { nil: undefined }) }),
);

const anyText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.constantFrom("/start", "/repair", "/complain", "/services", "/fees", "/mine", "/language", "/cancel", "/start x", "/unknown", "/", "//", "我要报修", "我家水管爆了快来人", "煤气", "五栋802室", "Building 5", "Saturday 10 am"),
  fc.tuple(fc.constantFrom("/start", "/repair", "/fees", "/mine", "/cancel"), fc.string({ maxLength: 40 })).map(([command, rest]) => `${command} ${rest}`),
);

const entities = fc.array(
  fc.record({
    type: fc.constantFrom("bot_command", "bold", "url", "mention", "text_link", "custom_emoji", "phone_number"),
    offset: fc.integer({ min: -3, max: 300 }),
    length: fc.integer({ min: -3, max: 300 }),
  }),
  { maxLength: 3 },
);

const phones = fc.oneof(fc.constantFrom(englishOwnerPhone, "+8613800000002", "13800000001", "+86 138-0000-0001", "", "+"), fc.string({ maxLength: 20 }));

/** The content of a message: text, a contact (own or someone else's), photos, or things the bot never asks for. */
const content: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ text: anyText }),
  fc.record({ text: anyText, entities }),
  fc.record({ contact: fc.record({ phone_number: phones, first_name: fc.string({ maxLength: 10 }), user_id: fc.option(fc.integer({ min: 1, max: 2 ** 40 }), { nil: undefined }) }) }),
  fc.record({
    photo: fc.array(fc.record({ file_id: fc.string({ minLength: 1, maxLength: 30 }), file_unique_id: fc.string({ minLength: 1, maxLength: 10 }), width: fc.nat(4000), height: fc.nat(4000) }), { maxLength: 4 }),
    caption: fc.option(anyText, { nil: undefined }),
  }),
  fc.constant({ location: { latitude: 31.2, longitude: 121.5 } }),
  fc.constant({ sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 512, height: 512, is_animated: false, is_video: false } }),
  fc.constant({ dice: { emoji: "🎲", value: 3 } }),
  fc.constant({ document: { file_id: "d", file_unique_id: "d" } }),
  fc.constant({ new_chat_members: [] }),
  fc.constant({}),
);

const kindPrefixes = fc.constantFrom("R", "C", "S", "F", "Z", "", "r");
const actionCodes = fc.constantFrom("ac", "ao", "fy", "fn", "vr", "vn", "qa", "qd", "tc", "to", "vo", "wa", "wp", "or", "oc", "pe", "fa", "fp", "fd", "r1", "r5", "r9", "zz");
const seconds = fc.oneof(fc.integer({ min: 0, max: 99_999_999_999 }).map(String), fc.constantFrom("1764568800", "-1", "1e308", "", "x"));
const caseIdArb = () => fc.oneof(fc.uuid(), fc.constantFrom(...caseIds), fc.string({ maxLength: 12 }));

/** Callback data: random bytes, and encodings that look like the bot's own buttons with random fields. */
const callbackData = () =>
  fc.oneof(
    fc.string({ maxLength: 64 }),
    fc.string({ unit: "grapheme", maxLength: 20 }),
    fc.tuple(kindPrefixes, actionCodes, caseIdArb(), fc.option(seconds, { nil: undefined })).map(([kind, code, id, arg]) => ["ob", kind, code, id, ...(arg === undefined ? [] : [arg])].join(":")),
    fc.tuple(actionCodes, caseIdArb(), fc.option(seconds, { nil: undefined })).map(([code, id, arg]) => ["oa", code, id, ...(arg === undefined ? [] : [arg])].join(":")),
    fc
      .tuple(
        fc.constantFrom("lg", "ct", "ph", "lc", "tm", "sm", "ed", "ft", "bd", "vf", "cs", "sk", "dl", "ce", "st", "sv", "pi", "qt", "se"),
        fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("en", "zh-CN", "plumbing", "done", "skip", "-", "submit", "edit", "cancel", "repair", "5", "retry", "front_desk", "noise", "d1", "none", "cleaning", "CL-HOURLY", "2.5", "unit")),
      )
      .map(([prefix, field]) => `${prefix}:${field}`),
  );

interface Sent {
  update: Record<string, unknown>;
  /** The private chat that is owed an answer, if any. */
  owedChat: number | null;
  /** The callback query that must be answered, if any. */
  owedQuery: string | null;
}

let messageIds = 1_000_000;
let queryIds = 9_000_000_000;

const messageUpdate = fc.tuple(users, content, fc.constantFrom("private", "group", "edited", "channel")).map(([user, body, where]): Sent => {
  messageIds += 1;
  const chat = where === "private" ? { id: user.id, type: "private", first_name: user.first_name } : { id: -1001234, type: where === "channel" ? "channel" : "group", title: "A group" };
  const message = { message_id: messageIds, date: Math.floor(Date.now() / 1000), chat, ...(where === "channel" ? {} : { from: { id: user.id, is_bot: false, first_name: user.first_name, ...(user.language_code ? { language_code: user.language_code } : {}) } }), ...body };
  const key = where === "edited" ? "edited_message" : where === "channel" ? "channel_post" : "message";
  const answered = where === "private" && Object.keys(body).length > 0 && !("new_chat_members" in body);
  return { update: { update_id: nextUpdateId(), [key]: message }, owedChat: answered ? user.id : null, owedQuery: null };
});

const callbackUpdate = () =>
  fc.tuple(users, callbackData(), fc.boolean()).map(([user, data, withMessage]): Sent => {
    queryIds += 1;
    messageIds += 1;
    const from = { id: user.id, is_bot: false, first_name: user.first_name, ...(user.language_code ? { language_code: user.language_code } : {}) };
    const message = { message_id: messageIds, date: Math.floor(Date.now() / 1000), chat: { id: user.id, type: "private", first_name: user.first_name }, from: { id: 1, is_bot: true, first_name: "Bot" }, text: "An old notice" };
    const query = { id: String(queryIds), from, chat_instance: "1", data, ...(withMessage ? { message } : { inline_message_id: "AAA" }) };
    // A press on an inline message (no chat) cannot come from this bot's buttons; it only must not crash.
    return { update: { update_id: nextUpdateId(), callback_query: query }, owedChat: null, owedQuery: withMessage ? String(queryIds) : null };
  });

const oddUpdate = fc.oneof(
  fc.constant({ my_chat_member: { chat: { id: 7001, type: "private", first_name: "Fang" }, from: { id: 7001, is_bot: false, first_name: "Fang" }, date: 1, old_chat_member: { status: "member", user: { id: 1, is_bot: true, first_name: "Bot" } }, new_chat_member: { status: "kicked", user: { id: 1, is_bot: true, first_name: "Bot" }, until_date: 0 } } }),
  fc.constant({ poll: { id: "1", question: "?", options: [], total_voter_count: 0, is_closed: false, is_anonymous: true, type: "regular", allows_multiple_answers: false } }),
  fc.record({ something_new: fc.object({ maxDepth: 2 }) }),
  fc.constant({}),
).map((body): Sent => ({ update: { update_id: nextUpdateId(), ...body }, owedChat: null, owedQuery: null }));

const sendsTo = (chat: number) => h.telegram.callsOf("sendMessage").filter((call) => String(call.payload.chat_id) === String(chat));
const answersOf = (query: string) => h.telegram.callsOf("answerCallbackQuery").filter((call) => String(call.payload.callback_query_id) === query);

async function sendAndCheck(sent: Sent): Promise<void> {
  const before = sent.owedChat === null ? 0 : sendsTo(sent.owedChat).length;
  const status = await post(sent.update);
  expect(status).toBe(200);
  if (sent.owedChat !== null) {
    const replies = sendsTo(sent.owedChat).slice(before);
    expect(replies.length, "an owner who wrote gets an answer").toBeGreaterThan(0);
    for (const reply of replies) expect(String(reply.payload.text)).not.toMatch(somethingWentWrong);
  }
  if (sent.owedQuery !== null) expect(answersOf(sent.owedQuery), "a press is answered").toHaveLength(1);
  expect(rejections).toEqual([]);
}

describe("random Telegram updates through the real bot behind the webhook route", () => {
  it("messages of every sort, in private chats, groups and channels: 200, and a polite answer in a private chat", async () => {
    await fc.assert(fc.asyncProperty(messageUpdate, sendAndCheck), runs);
  }, propertyTimeout);

  it("button presses with random data, also data shaped like the bot's own buttons: 200, and each press answered once", async () => {
    await fc.assert(fc.asyncProperty(callbackUpdate(), sendAndCheck), runs);
  }, propertyTimeout);

  it("sequences mixing messages, presses and update types the bot never asked for: 200 and an answer where one is due", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(messageUpdate, callbackUpdate(), oddUpdate), { minLength: 1, maxLength: 6 }), async (sequence) => {
        for (const sent of sequence) await sendAndCheck(sent);
      }),
      { numRuns: 60 },
    );
  }, propertyTimeout);
});
