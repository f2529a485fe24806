import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callbackDataMaxBytes, decodeCallbackData } from "../../../src/adapters/telegram/callback-data.js";
import { TelegramMessageSender } from "../../../src/adapters/telegram/telegram-message-sender.js";
import { RateGate } from "../../../src/core/domain/rate-gate.js";
import { decideVerification } from "../../../src/core/use-cases/decide-verification.js";
import { deliverOutbox } from "../../../src/core/use-cases/deliver-outbox.js";
import { importUnits } from "../../../src/core/use-cases/import-units.js";
import { callbackQueryUpdate } from "../../../src/testing/index.js";
import {
  chineseOwner,
  chineseOwnerPhone,
  createHarness,
  englishOwner,
  englishOwnerPhone,
  stranger,
  verifyThroughBot,
  type Harness,
} from "./telegram-harness.js";
import { unitRow } from "../../support/workflow-fixture.js";

describe("owner onboarding on Telegram", () => {
  let h: Harness;

  beforeEach(async () => {
    h = await createHarness();
  });

  afterEach(async () => {
    expect(h.missingKeys).toEqual([]);
    await h.close();
  });

  it("greets in English when the Telegram client's language_code starts with en, and asks for the phone", async () => {
    await h.command(englishOwner, "start");

    expect(h.texts(englishOwner)[0]).toMatch(/^Hello Fang Wang, welcome/);
    expect(h.lastText(englishOwner)).toMatch(/share your phone number/);
    const keyboard = h.telegram.replyKeyboard(englishOwner.id);
    expect(keyboard?.keyboard.flat()).toEqual([expect.objectContaining({ text: "📱 Share my phone number", request_contact: true })]);
    expect(h.store.snapshot().identities).toEqual([expect.objectContaining({ ownerUserId: "7001", locale: "en", verified: false })]);
  });

  it("greets in Chinese for any other language_code (zh, or one the bot does not speak)", async () => {
    await h.command(chineseOwner, "start");
    await h.command(stranger, "start");

    expect(h.texts(chineseOwner)[0]).toMatch(/^丽 李您好，欢迎使用物业服务中心/);
    expect(h.texts(stranger)[0]).toMatch(/^Olga您好/);
    expect(h.telegram.replyKeyboard(stranger.id)?.keyboard.flat()).toEqual([expect.objectContaining({ text: "📱 分享手机号", request_contact: true })]);
  });

  it("an owner whose flat a registry re-import gave to someone else is asked for their phone at /start, not welcomed back", async () => {
    await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    await importUnits(h.workflow, [{ line: 2, values: unitRow({ owner_name: "Liu Yang", phone: "+8613800000009" }) }]);

    await h.command(englishOwner, "start");

    expect(h.lastText(englishOwner)).toMatch(/share your phone number/);
    expect(h.replyKeyboardLabels(englishOwner)).toEqual(["📱 Share my phone number"]);
  });

  it("refuses a contact card that is not the sender's own", async () => {
    await h.command(englishOwner, "start");
    await h.contact(englishOwner, englishOwnerPhone, 424242);

    expect(h.lastText(englishOwner)).toBe("Please share your own contact with the button, not someone else's.");
    expect(h.store.snapshot().identities[0]).toMatchObject({ phone: null, verified: false });
  });

  it.each([
    ["with a leading +", "+86 138 0000 0001"],
    ["without a leading +", "8613800000001"],
  ])("verifies at once when the shared phone is in the registry (%s) and shows the main menu", async (_, phone) => {
    await h.command(englishOwner, "start");
    await h.contact(englishOwner, phone);

    expect(h.lastText(englishOwner)).toMatch(/^Thank you, your phone number matches our owner register/);
    expect(h.replyKeyboardLabels(englishOwner)).toEqual([
      "🛠 Report a repair",
      "📣 Make a complaint",
      "🧹 Home services",
      "💰 My fees",
      "📋 My requests",
      "🌐 Language / 语言",
    ]);
    expect(h.store.snapshot().identities[0]).toMatchObject({ phone: "+8613800000001", verified: true });
  });

  it("asks an unknown phone for building and unit, then files a pending verification for the front desk", async () => {
    await verifyThroughBot(h, stranger, "+7 900 000 0000");
    expect(h.texts(stranger).slice(-2)).toEqual([
      "您的手机号暂未在业主登记名单中。请告诉我们您的楼栋号和房号，前台核实后为您开通。",
      "请选择您所在的楼栋，或直接输入楼栋号（例如：3）",
    ]);

    await h.text(stranger, "3");
    await h.text(stranger, "1202");

    expect(h.lastText(stranger)).toBe("已提交！您登记的 3 栋 1202 室正在等待前台审核，审核结果会第一时间在这里通知您。");
    const snapshot = h.store.snapshot();
    expect(snapshot.verifications).toEqual([expect.objectContaining({ ownerUserId: "7003", building: "3", unit: "1202", status: "pending" })]);
    expect(snapshot.outbox.map((message) => message.payload)).toContainEqual({ type: "staff.verification-card", team: "frontdesk", verificationId: snapshot.verifications[0]?.id });
    expect(snapshot.keyValues).toEqual({});
  });

  it("shows the main menu with the front desk's approval, so an owner whose keyboard the unit questions removed can start a repair at once", async () => {
    await verifyThroughBot(h, stranger, "+7 900 000 0000");
    await h.text(stranger, "3");
    await h.text(stranger, "1202");
    const [request] = h.store.snapshot().verifications;
    await decideVerification(h.workflow, { verificationId: request?.id ?? "", staffUserId: "UFRONT1", approve: true });

    await deliverOutbox({ uow: h.store, channel: "telegram", sender: new TelegramMessageSender(h.bot.api, h.translator, h.workflow.kinds, h.workflow.timeZone), gate: new RateGate(), now: h.time.now, sleep: async () => undefined });

    expect(h.lastText(stranger)).toMatch(/^【审核通过】前台已核实您为 3栋1202室 的业主/);
    expect(h.replyKeyboardLabels(stranger)).toEqual(["🛠 我要报修", "📣 我要投诉", "🧹 家政服务", "💰 我的费用", "📋 我的工单", "🌐 语言 / Language"]);
    await h.text(stranger, "🛠 我要报修");
    expect(h.lastText(stranger)).toBe("请选择报修类别：");
  });

  it("asks again when the named unit does not exist and the owner chooses to type it again", async () => {
    await verifyThroughBot(h, stranger, "+7 900 000 0000");
    await h.text(stranger, "9");
    await h.text(stranger, "101");

    expect(h.texts(stranger).slice(-2)).toEqual(["9 栋没有 101 这个房号，请核对后重试。", "您可以重新输入地址，或把您填写的地址转交前台核实，核实结果会在这里通知您。"]);
    await h.press(stranger, "✏️ 重新输入");
    expect(h.lastText(stranger)).toBe("请选择您所在的楼栋，或直接输入楼栋号（例如：3）");
    await h.text(stranger, "3");
    await h.text(stranger, "1202");
    expect(h.store.snapshot().verifications).toHaveLength(1);
  });

  it("tells an unverified owner why they cannot report a repair and shows the contact button", async () => {
    await h.command(stranger, "start");
    await h.command(stranger, "repair");

    expect(h.lastText(stranger)).toBe("请先验证您的房屋：点击下方按钮分享您的手机号。");
    expect(h.telegram.replyKeyboard(stranger.id)?.keyboard.flat()).toEqual([expect.objectContaining({ request_contact: true })]);
    expect(h.store.snapshot().keyValues).toEqual({});
  });

  it("switches the owner's language with /language, and later messages follow it", async () => {
    await verifyThroughBot(h, chineseOwner, chineseOwnerPhone);
    await h.command(chineseOwner, "language");
    await h.press(chineseOwner, "English");

    expect(h.texts(chineseOwner).slice(-2)).toEqual(["Done: I will speak English from now on.", "Choose what you need from the menu below."]);
    expect(h.store.snapshot().identities.find((identity) => identity.ownerUserId === "7002")?.locale).toBe("en");
    expect(h.replyKeyboardLabels(chineseOwner)[0]).toBe("🛠 Report a repair");

    await h.command(chineseOwner, "start");
    expect(h.lastText(chineseOwner)).toMatch(/^Welcome back/);
  });

  it("switches the language from a prompt that can no longer be edited (deleted, or too old): the press is answered once and the confirmation comes as a new message, with no apology", async () => {
    await verifyThroughBot(h, chineseOwner, chineseOwnerPhone);
    await h.command(chineseOwner, "language");
    const prompt = h.telegram.chat(chineseOwner.id).at(-1);
    const english = h.buttonsOf(prompt).find((button) => button.text === "English");
    if (!prompt || !english || !("callback_data" in english)) throw new Error("no language prompt");
    const press = callbackQueryUpdate({ user: chineseOwner, data: english.callback_data, message: { ...prompt, message_id: prompt.message_id + 1000 } });

    await h.handle(press);

    expect(h.telegram.callsOf("answerCallbackQuery").filter((call) => call.payload.callback_query_id === press.callback_query?.id)).toHaveLength(1);
    expect(h.texts(chineseOwner).slice(-2)).toEqual(["Done: I will speak English from now on.", "Choose what you need from the menu below."]);
    expect(h.store.snapshot().identities.find((identity) => identity.ownerUserId === "7002")?.locale).toBe("en");
  });

  it("answers a message it cannot offer anything for (a photo outside a report) with the menu hint instead of silence", async () => {
    await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    await h.photo(englishOwner, "photo-out-of-the-blue");

    expect(h.lastText(englishOwner)).toMatch(/^Sorry, I did not understand that. Please choose from the menu/);
  });

  it("offers as buttons only the buildings whose button Telegram can carry and the bot can read back; a longer name is typed", async () => {
    await h.close();
    const long = "第二期北区十二号楼A座东单元二十一层";
    const wordy = "Phase II North Tower Block 12";
    h = await createHarness({ units: [unitRow(), unitRow({ building: long, unit: "0101", phone: "+8613800000009" }), unitRow({ building: wordy, unit: "0102", phone: "+8613800000010" })] });
    await verifyThroughBot(h, stranger, "+7 900 000 0000");

    const prompt = h.telegram.chat(stranger.id).at(-1);
    const data = h.buttonsOf(prompt).map((button) => ("callback_data" in button ? button.callback_data : ""));
    expect(data.length).toBeGreaterThan(0);
    for (const raw of data) {
      expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(callbackDataMaxBytes);
      expect(decodeCallbackData(raw), raw).toMatchObject({ type: "building" });
    }
    expect(h.buttonsOf(prompt).map((button) => button.text).join(" ")).not.toContain(wordy);
    await h.press(stranger, h.buttonsOf(prompt)[0]?.text ?? "");
    expect(h.lastText(stranger)).not.toMatch(/expired|过期/);
  });
});
