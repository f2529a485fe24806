import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { textMessageUpdate } from "../../../src/testing/index.js";
import { unitRow } from "../../support/workflow-fixture.js";
import { chineseOwner, chineseOwnerPhone, englishOwner, englishOwnerPhone, englishOwnerRow, verifyThroughBot, type Harness } from "./telegram-harness.js";
import { createServiceHarness, serviceOf } from "./service-harness.js";

describe("booking a home service on Telegram", () => {
  let h: Harness;
  const shownButtons = () => h.buttonsOf(h.telegram.chat(englishOwner.id).at(-1)).map((button) => button.text);

  afterEach(async () => {
    expect(h.missingKeys).toEqual([]);
    await h.close();
  });

  describe("for an owner of one unit", () => {
    beforeEach(async () => {
      h = await createServiceHarness();
      await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    });

    it("books an hourly clean from the menu button: hours as a button, the estimate at the summary, the number on Submit", async () => {
      await h.text(englishOwner, "🧹 Home services");
      expect(h.texts(englishOwner).at(-2)).toBe("Let's book a home service. Prices follow our published price standard. You can send /cancel at any step to stop.");
      expect(shownButtons()).toEqual(["🧹 Cleaning", "🌿 Greening"]);
      await h.press(englishOwner, "🧹 Cleaning");
      expect(shownButtons()).toEqual(["Monthly cleaning package", "Whole-flat / move-in cleaning", "Hourly cleaning"]);
      await h.press(englishOwner, "Hourly cleaning");
      // The type offers one item: it is not asked for.
      expect(h.lastText(englishOwner)).toBe("How many hours should the cleaner stay? Press a button or type a number of hours.");
      expect(shownButtons()).toEqual(["2 hours", "3 hours", "4 hours"]);
      await h.press(englishOwner, "3 hours");
      await h.text(englishOwner, "Please mind the wooden floor");
      expect(h.lastText(englishOwner)).toMatch(/^When would you like the team to come\? Write your preferred dates and times, for example "Saturday morning"/);
      await h.text(englishOwner, "Saturday morning");

      expect(h.lastText(englishOwner)).toBe(
        [
          "Please check your booking:",
          "Service: Hourly cleaning",
          "Item: Hourly cleaning · ¥50.00 per hour",
          "Hours: 3 hours",
          "Special requests: Please mind the wooden floor",
          "Preferred time: Saturday morning",
          "Unit: Building 3, unit 1202",
          "Estimate: ¥150.00",
          "Your preferred time is a wish: the team will propose a time for you to confirm.",
        ].join("\n"),
      );
      await h.press(englishOwner, "✅ Submit");

      expect(serviceOf(h)).toMatchObject({
        number: "S-2026-000001",
        status: "new",
        team: "cleaning",
        reporterUserId: "7001",
        details: { serviceType: "cleaning_hourly", priceCode: "CL-HOURLY", hours: 3, areaM2: null, specialRequests: "Please mind the wooden floor", preferredTime: "Saturday morning", estimateFen: 15_000, agreedFen: 15_000 },
      });
      expect(h.lastText(englishOwner)).toBe("Your booking has been submitted. Order number: S-2026-000001. The team will be in touch here.");
      expect(h.replyKeyboardLabels(englishOwner)).toEqual(["🛠 Report a repair", "📣 Make a complaint", "🧹 Home services", "💰 My fees", "📋 My requests", "🌐 Language / 语言"]);
      expect(h.outbox().map((message) => message.payload)).toContainEqual(expect.objectContaining({ type: "staff.case-card", team: "cleaning" }));
      expect(h.store.snapshot().keyValues).toEqual({});
    });

    it("books a move-in clean priced on site, the area taken from the unit's register with one press", async () => {
      await h.command(englishOwner, "services");
      await h.press(englishOwner, "🧹 Cleaning");
      await h.press(englishOwner, "Whole-flat / move-in cleaning");
      expect(h.lastText(englishOwner)).toBe("Which one would you like?");
      expect(shownButtons()).toEqual(["Whole-flat cleaning · ¥8.00 per m²", "Move-in cleaning after renovation · ¥12.00 per m²"]);
      await h.press(englishOwner, "Move-in cleaning after renovation · ¥12.00 per m²");
      expect(shownButtons()).toEqual(["89.5 m²"]);
      await h.press(englishOwner, "89.5 m²");
      await h.press(englishOwner, "Skip");
      await h.text(englishOwner, "Dec 5 or 6 after 14:00");

      const summary = h.lastText(englishOwner);
      expect(summary).toContain("Item: Move-in cleaning after renovation · ¥12.00 per m²\nArea: 89.5 m²\nSpecial requests: None");
      expect(summary).toContain("Priced on site by the team (guide price from ¥12.00 per m²)");
      expect(summary).not.toContain("Estimate");
      await h.press(englishOwner, "✅ Submit");

      expect(serviceOf(h)).toMatchObject({ details: { serviceType: "cleaning_whole_flat", priceCode: "CL-MOVE-IN", areaM2: 89.5, onsitePricing: true, estimateFen: null, agreedFen: null, specialRequests: "" } });
    });

    it("takes a typed area instead of the unit's", async () => {
      await h.command(englishOwner, "services");
      await h.press(englishOwner, "🧹 Cleaning");
      await h.press(englishOwner, "Whole-flat / move-in cleaning");
      await h.press(englishOwner, "Whole-flat cleaning · ¥8.00 per m²");
      await h.text(englishOwner, "120 m²");
      await h.press(englishOwner, "Skip");
      await h.text(englishOwner, "Next week");
      expect(h.lastText(englishOwner)).toContain("Area: 120 m²");
      await h.press(englishOwner, "✅ Submit");

      expect(serviceOf(h)?.details).toMatchObject({ priceCode: "CL-WHOLE-FLAT", areaM2: 120 });
    });

    it("books a monthly cleaning package: no quantity, the days that suit the visits, the fee per month", async () => {
      await h.command(englishOwner, "services");
      await h.press(englishOwner, "🧹 Cleaning");
      await h.press(englishOwner, "Monthly cleaning package");
      expect(shownButtons()).toEqual(["Monthly cleaning package (one 3-hour visit a week) · ¥880.00 per month", "Monthly cleaning package (two 3-hour visits a week) · ¥1680.00 per month"]);
      await h.press(englishOwner, "Monthly cleaning package (two 3-hour visits a week) · ¥1680.00 per month");
      expect(h.lastText(englishOwner)).toMatch(/^Any special requests\?/);
      await h.press(englishOwner, "Skip");
      expect(h.lastText(englishOwner)).toMatch(/^Which days and times suit you for the regular visits\?/);
      await h.text(englishOwner, "Tuesdays and Fridays 9:00");

      const summary = h.lastText(englishOwner);
      expect(summary).toContain("Service: Monthly cleaning package\n");
      expect(summary).toContain("Estimate: ¥1680.00 per month");
      expect(summary).not.toMatch(/Area|Hours/);
      await h.press(englishOwner, "✅ Submit");

      expect(serviceOf(h)).toMatchObject({
        status: "new",
        details: { serviceType: "cleaning_monthly", priceCode: "CL-MONTHLY-TWICE", isPackage: true, estimateFen: 168_000, agreedFen: null, preferredTime: "Tuesdays and Fridays 9:00" },
      });
    });

    it("books a one-off greening job priced on site", async () => {
      await h.command(englishOwner, "services");
      await h.press(englishOwner, "🌿 Greening");
      expect(shownButtons()).toEqual(["Greening, one-off", "Monthly greening package"]);
      await h.press(englishOwner, "Greening, one-off");
      await h.press(englishOwner, "Tree pruning · ¥150.00 per visit");
      await h.text(englishOwner, "The two trees by the gate");
      await h.text(englishOwner, "Any weekday afternoon");
      expect(h.lastText(englishOwner)).toContain("Priced on site by the team (guide price from ¥150.00 per visit)");
      await h.press(englishOwner, "✅ Submit");

      expect(serviceOf(h)).toMatchObject({ team: "greening", details: { serviceType: "greening_one_off", priceCode: "GR-PRUNE", estimateFen: null } });
    });

    it("refuses a negative or unreadable area and 0 or 1000 hours with the reason, asking again and losing nothing", async () => {
      await h.command(englishOwner, "services");
      await h.press(englishOwner, "🧹 Cleaning");
      await h.press(englishOwner, "Whole-flat / move-in cleaning");
      await h.press(englishOwner, "Whole-flat cleaning · ¥8.00 per m²");
      await h.text(englishOwner, "-5");
      expect(h.lastText(englishOwner)).toBe("The area must be more than 0 and at most 10000 m². Please type it again.");
      await h.text(englishOwner, "quite big");
      expect(h.lastText(englishOwner)).toBe("Please type the area as a number of square metres, for example 89.5.");
      await h.text(englishOwner, "0");
      expect(h.lastText(englishOwner)).toBe("The area must be more than 0 and at most 10000 m². Please type it again.");
      await h.text(englishOwner, "95,5");
      expect(h.lastText(englishOwner)).toMatch(/^Any special requests\?/);
      await h.text(englishOwner, "Mind the cat");
      await h.text(englishOwner, "Friday");
      expect(h.lastText(englishOwner)).toContain("Area: 95.5 m²\nSpecial requests: Mind the cat");

      // The hours, from the summary: the other answers stay as they were.
      await h.press(englishOwner, "✏️ Edit");
      await h.press(englishOwner, "Service");
      await h.press(englishOwner, "🧹 Cleaning");
      await h.press(englishOwner, "Hourly cleaning");
      await h.text(englishOwner, "0");
      expect(h.lastText(englishOwner)).toBe("The hours must be more than 0 and at most 24. Please type them again.");
      await h.text(englishOwner, "1000");
      expect(h.lastText(englishOwner)).toBe("The hours must be more than 0 and at most 24. Please type them again.");
      await h.text(englishOwner, "a few");
      expect(h.lastText(englishOwner)).toBe("Please type the hours as a number, for example 3.");
      await h.text(englishOwner, "2.5 hours");

      const summary = h.lastText(englishOwner);
      expect(summary).toContain("Hours: 2.5 hours\nSpecial requests: Mind the cat\nPreferred time: Friday");
      expect(summary).toContain("Estimate: ¥125.00");
      expect(summary).not.toContain("Area");
      await h.press(englishOwner, "✅ Submit");
      expect(serviceOf(h)?.details).toMatchObject({ serviceType: "cleaning_hourly", hours: 2.5, areaM2: null, specialRequests: "Mind the cat", preferredTime: "Friday" });
    });

    it("changes one answer from the summary's Edit and keeps the others", async () => {
      await h.command(englishOwner, "services");
      await h.press(englishOwner, "🧹 Cleaning");
      await h.press(englishOwner, "Hourly cleaning");
      await h.press(englishOwner, "2 hours");
      await h.press(englishOwner, "Skip");
      await h.text(englishOwner, "Saturday morning");
      await h.press(englishOwner, "✏️ Edit");
      expect(shownButtons()).toEqual(["Service", "Area or hours", "Special requests", "Preferred time"]);
      await h.press(englishOwner, "Area or hours");
      await h.press(englishOwner, "4 hours");
      expect(h.lastText(englishOwner)).toContain("Hours: 4 hours");
      expect(h.lastText(englishOwner)).toContain("Estimate: ¥200.00");
      await h.press(englishOwner, "✏️ Edit");
      await h.press(englishOwner, "Preferred time");
      await h.text(englishOwner, "Sunday afternoon");
      await h.press(englishOwner, "✅ Submit");

      expect(h.store.snapshot().cases).toHaveLength(1);
      expect(serviceOf(h)?.details).toMatchObject({ hours: 4, preferredTime: "Sunday afternoon", specialRequests: "", estimateFen: 20_000 });
    });

    it("continues after a restart mid-booking: a new bot over the same database loses nothing", async () => {
      await h.command(englishOwner, "services");
      await h.press(englishOwner, "🧹 Cleaning");
      await h.press(englishOwner, "Whole-flat / move-in cleaning");
      await h.press(englishOwner, "Whole-flat cleaning · ¥8.00 per m²");
      const restarted = h.newBot();
      await h.handle(textMessageUpdate({ user: englishOwner, text: "100" }), restarted);
      await h.press(englishOwner, "Skip", restarted);
      await h.handle(textMessageUpdate({ user: englishOwner, text: "Next week" }), restarted);
      await h.press(englishOwner, "✅ Submit", restarted);

      expect(serviceOf(h)?.details).toMatchObject({ priceCode: "CL-WHOLE-FLAT", areaM2: 100, preferredTime: "Next week" });
      expect(h.texts(englishOwner).filter((text) => text.startsWith("Which service would you like?"))).toHaveLength(1);
    });

    it("cancels from the summary's Cancel button and books nothing", async () => {
      await h.command(englishOwner, "services");
      await h.press(englishOwner, "🧹 Cleaning");
      await h.press(englishOwner, "Hourly cleaning");
      await h.press(englishOwner, "3 hours");
      await h.press(englishOwner, "Skip");
      await h.text(englishOwner, "Saturday morning");
      await h.press(englishOwner, "✖️ Cancel");

      expect(h.lastText(englishOwner)).toBe("Booking cancelled. Nothing was submitted.");
      expect(h.store.snapshot().cases).toEqual([]);
      expect(h.store.snapshot().keyValues).toEqual({});
      expect(h.replyKeyboardLabels(englishOwner)).toContain("🧹 Home services");
    });
  });

  it("lets an owner of several units choose the unit first, in Chinese, its area the default", async () => {
    h = await createServiceHarness({
      units: [
        unitRow(englishOwnerRow),
        unitRow({ unit: "0801", area_m2: "120", owner_name: "李丽", phone: chineseOwnerPhone, language: "zh-CN" }),
        unitRow({ building: "5", unit: "0302", area_m2: "64", owner_name: "李丽", phone: chineseOwnerPhone, language: "zh-CN" }),
      ],
    });
    await verifyThroughBot(h, chineseOwner, chineseOwnerPhone);
    await h.text(chineseOwner, "🧹 家政服务");
    expect(h.lastText(chineseOwner)).toBe("您名下登记了多套房屋，请问为哪一套预约服务？");
    await h.press(chineseOwner, "5栋0302室");
    await h.press(chineseOwner, "🧹 清洁服务");
    await h.press(chineseOwner, "全屋 / 入伙开荒清洁");
    await h.press(chineseOwner, "全屋清洁 · ¥8.00/平方米");
    expect(h.lastText(chineseOwner)).toBe("请问清洁面积是多少？点击按钮使用您房屋的登记面积，或直接输入其他面积（平方米，如 75）。");
    await h.text(chineseOwner, "负数");
    expect(h.lastText(chineseOwner)).toBe("请输入面积数字（平方米），例如 89.5。");
    await h.press(chineseOwner, "64 平方米");
    await h.text(chineseOwner, "请注意保护木地板");
    await h.text(chineseOwner, "本周六上午");

    expect(h.lastText(chineseOwner)).toBe(
      [
        "请确认您的预约信息：",
        "服务类型：全屋 / 入伙开荒清洁",
        "服务项目：全屋清洁 · ¥8.00/平方米",
        "面积：64 平方米",
        "特别要求：请注意保护木地板",
        "期望时间：本周六上午",
        "房屋：5栋0302室",
        "费用由服务人员上门评估后确定（参考价 ¥8.00/平方米 起）",
        "期望时间仅供参考，服务人员会再与您确认上门时间。",
      ].join("\n"),
    );
    await h.press(chineseOwner, "✅ 提交");

    const unit = h.store.snapshot().units.find((candidate) => candidate.building === "5");
    expect(serviceOf(h)).toMatchObject({ unitId: unit?.id, details: { areaM2: 64 } });
    expect(h.lastText(chineseOwner)).toBe("预约已提交，服务单号：S-2026-000001。服务人员会在这里与您联系。");
  });
});
