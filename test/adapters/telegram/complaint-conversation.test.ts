import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ComplaintCase } from "../../../src/core/kinds/complaint/details.js";
import { textMessageUpdate } from "../../../src/testing/index.js";
import { hour, unitRow } from "../../support/workflow-fixture.js";
import { chineseOwner, chineseOwnerPhone, createHarness, englishOwner, englishOwnerPhone, stranger, verifyThroughBot, type Harness } from "./telegram-harness.js";

// The harness's clock: Monday 30 November 2026, 10:00 in Shanghai.
const complaintOf = (h: Harness) => h.store.snapshot().cases.find((candidate) => candidate.kind === "complaint") as ComplaintCase | undefined;

describe("the complaint conversation", () => {
  let h: Harness;

  afterEach(async () => {
    expect(h.missingKeys).toEqual([]);
    await h.close();
  });

  /** The first five answers, which every path below shares. */
  async function tellTheFacts(aboutWhom: string | null = "The night security guard") {
    await h.press(englishOwner, "Security");
    await h.text(englishOwner, "The car park gate was left open all night");
    await h.text(englishOwner, "Last night from 23:00, car park B2");
    if (aboutWhom === null) await h.press(englishOwner, "Skip");
    else await h.text(englishOwner, aboutWhom);
    await h.text(englishOwner, "Please make sure the gate is closed at night");
  }

  describe("for an owner of one unit", () => {
    beforeEach(async () => {
      h = await createHarness();
      await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    });

    it("walks subject, facts, a deadline button and photos from the menu button, then files the complaint and gives its number", async () => {
      await h.text(englishOwner, "📣 Make a complaint");
      expect(h.texts(englishOwner).at(-2)).toBe("Let's record your complaint; we are sorry something went wrong. You can send /cancel at any step to stop.");
      const subjectPrompt = h.telegram.chat(englishOwner.id).at(-1);
      expect(h.buttonsOf(subjectPrompt).map((button) => button.text)).toEqual(["Noise", "Hygiene", "Security", "Staff attitude", "Facilities", "Fees", "Neighbours", "Other"]);

      await tellTheFacts();
      expect(h.buttonsOf(h.telegram.chat(englishOwner.id).at(-1)).map((button) => button.text)).toEqual(["In 1 day", "In 3 days", "In a week", "No deadline"]);
      await h.press(englishOwner, "In 3 days");
      await h.photo(englishOwner, "photo-gate");
      await h.press(englishOwner, "✅ Done");

      expect(h.lastText(englishOwner)).toBe(
        [
          "Please check your complaint:",
          "Subject: Security",
          "What happened: The car park gate was left open all night",
          "When and where: Last night from 23:00, car park B2",
          "About: The night security guard",
          "You ask for: Please make sure the gate is closed at night",
          "Deadline wanted: Within 3 days",
          "Photos: 1",
          "Unit: Building 3, unit 1202",
        ].join("\n"),
      );
      await h.press(englishOwner, "✅ Submit");

      expect(complaintOf(h)).toMatchObject({
        number: "C-2026-000001",
        status: "received",
        reporterUserId: "7001",
        details: {
          subject: "security",
          description: "The car park gate was left open all night",
          whenWhere: "Last night from 23:00, car park B2",
          about: "The night security guard",
          ownerRequest: "Please make sure the gate is closed at night",
          ownerDeadline: new Date("2026-12-03T02:00:00Z"),
          photos: ["photo-gate"],
          channel: "telegram",
        },
      });
      expect(h.lastText(englishOwner)).toBe("Your complaint has been submitted. Complaint number: C-2026-000001. We will handle it and keep you updated here.");
      expect(h.replyKeyboardLabels(englishOwner)).toEqual(["🛠 Report a repair", "📣 Make a complaint", "🧹 Home services", "💰 My fees", "📋 My requests", "🌐 Language / 语言"]);
      const payloads = h.outbox().map((message) => message.payload);
      expect(payloads).toContainEqual(expect.objectContaining({ type: "owner.notice", key: "complaint.received" }));
      expect(payloads).toContainEqual(expect.objectContaining({ type: "staff.case-card", team: "frontdesk" }));
      expect(h.store.snapshot().keyValues).toEqual({});
    });

    it("takes a typed date after refusing one it cannot read, one already past and one more than a year ahead, each with its reason", async () => {
      await h.command(englishOwner, "complain");
      await tellTheFacts();

      await h.text(englishOwner, "soon please");
      expect(h.lastText(englishOwner)).toBe("I could not read that as a date. Please type it as YYYY-MM-DD or MM-DD (for example 12-05), or choose a button above.");
      await h.text(englishOwner, "2026-11-29");
      expect(h.lastText(englishOwner)).toBe("That date has already passed. Please choose today or a later date.");
      await h.text(englishOwner, "2028-01-05");
      expect(h.lastText(englishOwner)).toBe("That date is more than a year ahead. Please choose a date within a year, or press No deadline.");
      await h.text(englishOwner, "12-05");
      await h.press(englishOwner, "Skip");

      expect(h.lastText(englishOwner)).toContain("Deadline wanted: By Sat, Dec 5, 2026");
      await h.press(englishOwner, "✅ Submit");
      // The end of the chosen day in Shanghai.
      expect(complaintOf(h)?.details.ownerDeadline).toEqual(new Date("2026-12-05T15:59:59.999Z"));
    });

    it("files with no deadline, nobody named and no photos when the owner skips them", async () => {
      await h.command(englishOwner, "complain");
      await tellTheFacts(null);
      await h.press(englishOwner, "No deadline");
      await h.press(englishOwner, "Skip");

      const summary = h.lastText(englishOwner);
      expect(summary).toContain("About: Not given");
      expect(summary).toContain("Deadline wanted: No deadline");
      expect(summary).toContain("Photos: 0");
      await h.press(englishOwner, "✅ Submit");

      expect(complaintOf(h)).toMatchObject({ details: { about: null, ownerDeadline: null, photos: [] } });
      const aboutPrompt = h.telegram.chat(englishOwner.id).find((message) => message.text?.startsWith("Who or which department"));
      expect(aboutPrompt?.text).toMatch(/\n\n✓ Not given$/);
      expect(aboutPrompt?.reply_markup).toBeUndefined();
    });

    it("tells each text step's rule and asks again until the answer keeps it", async () => {
      await h.command(englishOwner, "complain");
      await h.press(englishOwner, "Hygiene");
      expect(h.lastText(englishOwner)).toBe("What happened? Please tell us in your own words (2 to 2000 characters).");
      await h.text(englishOwner, "x");
      expect(h.lastText(englishOwner)).toBe("Please describe what happened as text (2 to 2000 characters).");
      await h.photo(englishOwner, "not-a-text");
      expect(h.lastText(englishOwner)).toBe("Please describe what happened as text (2 to 2000 characters).");
      await h.text(englishOwner, "Rubbish left in the stairwell");
      await h.text(englishOwner, "w".repeat(301));
      expect(h.lastText(englishOwner)).toBe("Please say when and where as text (up to 300 characters).");
      await h.text(englishOwner, "Since Friday, stairwell of building 3");
      expect(h.lastText(englishOwner)).toMatch(/^Who or which department is it about\?/);
    });

    it("lets the owner redo one step from the summary and keeps every other answer", async () => {
      await h.command(englishOwner, "complain");
      await tellTheFacts();
      await h.press(englishOwner, "In a week");
      await h.press(englishOwner, "Skip");
      await h.press(englishOwner, "✏️ Edit");
      expect(h.buttonsOf(h.telegram.chat(englishOwner.id).at(-1)).map((button) => button.text)).toEqual([
        "Subject",
        "What happened",
        "When and where",
        "Who it is about",
        "Your request",
        "Deadline",
        "Photos",
      ]);
      await h.press(englishOwner, "Deadline");
      await h.press(englishOwner, "In 1 day");
      expect(h.lastText(englishOwner)).toContain("Deadline wanted: Within 1 day");
      await h.press(englishOwner, "✏️ Edit");
      await h.press(englishOwner, "Who it is about");
      await h.press(englishOwner, "Skip");
      await h.press(englishOwner, "✅ Submit");

      expect(h.store.snapshot().cases).toHaveLength(1);
      expect(complaintOf(h)).toMatchObject({
        details: { subject: "security", about: null, ownerRequest: "Please make sure the gate is closed at night", ownerDeadline: new Date("2026-12-01T02:00:00Z") },
      });
    });

    it("cancels from the summary's Cancel button and files nothing", async () => {
      await h.command(englishOwner, "complain");
      await tellTheFacts();
      await h.press(englishOwner, "No deadline");
      await h.press(englishOwner, "Skip");
      await h.press(englishOwner, "✖️ Cancel");

      expect(h.lastText(englishOwner)).toBe("Complaint cancelled. Nothing was submitted.");
      expect(h.store.snapshot().cases).toEqual([]);
      expect(h.replyKeyboardLabels(englishOwner)).toContain("📣 Make a complaint");
    });

    it("leaves the conversation on /cancel at any step and files nothing", async () => {
      await h.command(englishOwner, "complain");
      await h.press(englishOwner, "Noise");
      await h.text(englishOwner, "Drilling on Sunday morning");
      await h.command(englishOwner, "cancel");

      expect(h.lastText(englishOwner)).toBe("Stopped. Nothing more will be submitted.");
      expect(h.store.snapshot().keyValues).toEqual({});
      expect(h.store.snapshot().cases).toEqual([]);
    });

    it("continues after a restart mid-conversation: a new bot over the same database loses nothing", async () => {
      await h.command(englishOwner, "complain");
      await tellTheFacts();
      const restarted = h.newBot();
      await h.handle(textMessageUpdate({ user: englishOwner, text: "12-05" }), restarted);
      await h.press(englishOwner, "Skip", restarted);
      await h.press(englishOwner, "✅ Submit", restarted);

      expect(complaintOf(h)).toMatchObject({ details: { subject: "security", whenWhere: "Last night from 23:00, car park B2", ownerDeadline: new Date("2026-12-05T15:59:59.999Z") } });
      expect(h.texts(englishOwner).filter((text) => text.startsWith("What is your complaint about?"))).toHaveLength(1);
    });

    it("reads a typed date against the clock at the time it is typed, not when the intake began", async () => {
      await h.command(englishOwner, "complain");
      await tellTheFacts();
      h.time.advance(48 * hour);
      await h.text(englishOwner, "2026-12-01");
      expect(h.lastText(englishOwner)).toBe("That date has already passed. Please choose today or a later date.");
      await h.text(englishOwner, "12-02");
      await h.press(englishOwner, "Skip");
      await h.press(englishOwner, "✅ Submit");

      expect(complaintOf(h)?.details.ownerDeadline).toEqual(new Date("2026-12-02T15:59:59.999Z"));
    });
  });

  it("refuses an owner who is not verified, as for a repair, with the contact button", async () => {
    h = await createHarness();
    await h.command(stranger, "start");
    await h.command(stranger, "complain");

    // A Russian client gets the property's default language.
    expect(h.lastText(stranger)).toBe("请先验证您的房屋：点击下方按钮分享您的手机号。");
    expect(h.replyKeyboardLabels(stranger)).toEqual(["📱 分享手机号"]);
    expect(h.store.snapshot().keyValues).toEqual({});
  });

  it("lets an owner of several units choose which one, in Chinese, with a typed 月日 date", async () => {
    h = await createHarness({
      units: [
        unitRow({ unit: "0801", owner_name: "李丽", phone: chineseOwnerPhone, language: "zh-CN" }),
        unitRow({ building: "5", unit: "0302", owner_name: "李丽", phone: chineseOwnerPhone, language: "zh-CN" }),
      ],
    });
    await verifyThroughBot(h, chineseOwner, chineseOwnerPhone);
    await h.text(chineseOwner, "📣 我要投诉");
    await h.press(chineseOwner, "噪音");
    await h.text(chineseOwner, "楼上每晚十二点后还在装修");
    await h.text(chineseOwner, "最近一周每晚，5栋0402室");
    await h.text(chineseOwner, "5栋0402室业主");
    await h.text(chineseOwner, "请物业上门劝阻，晚上十点后停止施工");
    expect(h.lastText(chineseOwner)).toBe("您希望在什么时间之前处理完毕？请点击下方按钮选择，或直接输入今天起一年以内的日期（如 12-05、12月5日 或 2026-12-05）。");
    await h.text(chineseOwner, "2026年11月1日");
    expect(h.lastText(chineseOwner)).toBe("这个日期已经过去了，请选择今天或之后的日期。");
    await h.text(chineseOwner, "12月3日");
    await h.press(chineseOwner, "跳过");
    expect(h.lastText(chineseOwner)).toBe("您名下登记了多套房屋，请问投诉涉及哪一套？");
    await h.press(chineseOwner, "5栋0302室");

    const summary = h.lastText(chineseOwner);
    expect(summary).toContain("投诉事项：噪音");
    expect(summary).toContain("期望处理时限：2026年12月3日周四前");
    expect(summary).toContain("房屋：5栋0302室");
    await h.press(chineseOwner, "✅ 提交");

    const unit = h.store.snapshot().units.find((candidate) => candidate.building === "5");
    expect(complaintOf(h)).toMatchObject({ unitId: unit?.id, details: { subject: "noise", ownerDeadline: new Date("2026-12-03T15:59:59.999Z") } });
    expect(h.lastText(chineseOwner)).toBe("投诉已提交，投诉编号：C-2026-000001。我们会尽快处理，进展会在这里通知您。");
  });
});
