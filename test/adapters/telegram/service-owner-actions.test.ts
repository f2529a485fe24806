import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ServiceCase } from "../../../src/core/kinds/service/details.js";
import { bookService } from "../../../src/core/kinds/service/use-cases/book-service.js";
import { completeService } from "../../../src/core/kinds/service/use-cases/complete-service.js";
import { confirmServiceTime } from "../../../src/core/kinds/service/use-cases/confirm-service-time.js";
import { proposeServiceTime } from "../../../src/core/kinds/service/use-cases/propose-service-time.js";
import { startService } from "../../../src/core/kinds/service/use-cases/start-service.js";
import { answerQuote } from "../../../src/core/kinds/service/use-cases/answer-quote.js";
import { quoteService } from "../../../src/core/kinds/service/use-cases/quote-service.js";
import { runDueWork } from "../../../src/core/use-cases/run-due-work.js";
import { chineseOwner, chineseOwnerPhone, deliverOwnerNotices, englishOwner, englishOwnerPhone, verifyThroughBot, type Harness } from "./telegram-harness.js";
import { cleaningLeader, createServiceHarness, serviceOf } from "./service-harness.js";

// The harness's clock: Monday 30 November 2026, 10:00 in Shanghai; the team proposes Saturday 14:00.
const saturday = new Date("2026-12-05T06:00:00Z");

describe("a service order's buttons for the owner on Telegram", () => {
  let h: Harness;
  let order: ServiceCase;

  const workOrders = () => h.store.snapshot().workOrders.filter((candidate) => candidate.caseId === order.id);
  const book = (ownerUserId = "7001") =>
    bookService(h.workflow, { ownerUserId, serviceType: "cleaning_hourly", priceCode: "CL-HOURLY", hours: 3, specialRequests: "", preferredTime: "Saturday" });
  const propose = () => proposeServiceTime(h.workflow, { caseId: order.id, staffUserId: cleaningLeader, at: saturday });
  const schedule = async () => {
    await propose();
    await confirmServiceTime(h.workflow, { ownerUserId: "7001", caseId: order.id, proposedAt: saturday.toISOString() });
  };
  const mineMessage = () => [...h.telegram.chat(englishOwner.id)].reverse().find((message) => message.text?.includes(order.number));

  afterEach(async () => {
    expect(h.missingKeys).toEqual([]);
    await h.close();
  });

  describe("for an English owner", () => {
    beforeEach(async () => {
      h = await createServiceHarness();
      await verifyThroughBot(h, englishOwner, englishOwnerPhone);
      order = await book();
    });

    it("lists the order under /mine with its service, status in words and price, and Reschedule / Cancel", async () => {
      await h.command(englishOwner, "mine");

      expect(mineMessage()?.text).toBe(
        ["Your latest requests (1):", "S-2026-000001 · Hourly cleaning\nStatus: Received, the team will contact you\nReported: Mon, Nov 30, 10:00\nPrice: ¥150.00"].join("\n\n"),
      );
      expect(h.buttonsOf(mineMessage()).map((button) => button.text)).toEqual(["🗓 Reschedule", "✖️ Cancel the booking"]);
    });

    it("shows the confirmed time once the owner confirmed it, and cancels the order from /mine through the core", async () => {
      await schedule();
      await h.command(englishOwner, "mine");
      expect(mineMessage()?.text).toContain("Status: Time confirmed\nReported: Mon, Nov 30, 10:00\nConfirmed time: Sat, Dec 5, 14:00\nPrice: ¥150.00");
      await h.press(englishOwner, "✖️ Cancel the booking");

      expect(serviceOf(h)?.status).toBe("cancelled");
      expect(workOrders().map((candidate) => candidate.status)).toEqual(["cancelled"]);
      expect(h.telegram.callsOf("answerCallbackQuery").at(-1)?.payload).toMatchObject({ text: "✖️ You cancelled the booking." });
      expect(mineMessage()?.reply_markup).toBeUndefined();
      await h.command(englishOwner, "mine");
      expect(mineMessage()?.text).toContain("Status: Cancelled");
      expect(h.buttonsOf(mineMessage())).toEqual([]);
    });

    it("reschedules a confirmed order from /mine: asks the new wish and hands it to the core, which voids the work order", async () => {
      await schedule();
      await h.command(englishOwner, "mine");
      await h.press(englishOwner, "🗓 Reschedule");
      expect(h.lastText(englishOwner)).toMatch(/^When would you like the team to come instead\?/);
      await h.text(englishOwner, "Next Tuesday morning");

      expect(serviceOf(h)).toMatchObject({ status: "agreed", details: { ownerTimeRequest: "Next Tuesday morning", appointmentAt: null } });
      expect(workOrders().map((candidate) => candidate.status)).toEqual(["cancelled"]);
      expect(h.store.snapshot().keyValues).toEqual({});
    });

    it("refuses Cancel and Reschedule politely once the team is on the way, and offers neither any more", async () => {
      await schedule();
      await h.command(englishOwner, "mine");
      await startService(h.workflow, { caseId: order.id, staffUserId: cleaningLeader });

      await h.press(englishOwner, "✖️ Cancel the booking");
      expect(serviceOf(h)?.status).toBe("in_progress");
      expect(h.lastText(englishOwner)).toBe("The team is already on the way for S-2026-000001: it can no longer be rescheduled or cancelled here. Please call the property service centre.");

      await h.press(englishOwner, "🗓 Reschedule");
      expect(h.telegram.callsOf("answerCallbackQuery").at(-1)?.payload).toMatchObject({
        text: "The team is already on the way for S-2026-000001: it can no longer be rescheduled or cancelled here. Please call the property service centre.",
        show_alert: true,
      });
      expect(h.store.snapshot().keyValues).toEqual({});

      await h.command(englishOwner, "mine");
      expect(mineMessage()?.text).toContain("Status: The team is on the way or at work");
      expect(h.buttonsOf(mineMessage())).toEqual([]);
    });

    it("Propose another time under a proposal asks the owner's wish and gives it to the core", async () => {
      await propose();
      await deliverOwnerNotices(h);
      await h.press(englishOwner, "🕑 Propose another time");
      expect(h.lastText(englishOwner)).toMatch(/^Which time would suit you better\?/);
      await h.photo(englishOwner, "not-a-time");
      expect(h.lastText(englishOwner)).toBe("Please type your preferred dates and times as text (up to 300 characters).");
      await h.text(englishOwner, "Sunday afternoon");

      expect(serviceOf(h)).toMatchObject({ status: "agreed", details: { ownerTimeRequest: "Sunday afternoon" } });
      expect(h.outbox().map((message) => message.payload)).toContainEqual(expect.objectContaining({ type: "owner.notice", key: "service.other_time_noted" }));
    });
  });

  describe("for an English owner's weekly cleaning package, its first visit tonight", () => {
    // Mondays at 18:00: accepted on Monday at 10:00, tonight's visit is the rest of November.
    const tonight = "2026-11-30T10:00:00.000Z";

    beforeEach(async () => {
      h = await createServiceHarness();
      await verifyThroughBot(h, englishOwner, englishOwnerPhone);
      order = await bookService(h.workflow, { ownerUserId: "7001", serviceType: "cleaning_monthly", priceCode: "CL-MONTHLY-WEEKLY", specialRequests: "", preferredTime: "Monday evenings" });
      await quoteService(h.workflow, { caseId: order.id, staffUserId: cleaningLeader, lines: [{ code: "CL-MONTHLY-WEEKLY", quantity: 1 }], schedule: { weekdays: [1], time: "18:00", weeksOfMonth: null } });
      await answerQuote(h.workflow, { ownerUserId: "7001", caseId: order.id, answer: "accepted" });
      await runDueWork(h.workflow);
      await deliverOwnerNotices(h);
    });

    it("lists the active package with its next visit, its monthly price and End package", async () => {
      await h.command(englishOwner, "mine");

      expect(mineMessage()?.text).toContain("S-2026-000001 · Monthly cleaning package\nStatus: Package active\nReported: Mon, Nov 30, 10:00\nNext visit: Mon, Nov 30, 18:00\nPrice: ¥880.00 per month");
      expect(h.buttonsOf(mineMessage()).map((button) => button.text)).toEqual(["⏹ End the package"]);
    });

    it("ends the package from /mine through the core: the visit not begun is cancelled and the button gone", async () => {
      await h.command(englishOwner, "mine");
      await h.press(englishOwner, "⏹ End the package");

      expect(serviceOf(h)?.status).toBe("ended");
      expect(workOrders().map((candidate) => candidate.status)).toEqual(["cancelled"]);
      expect(h.telegram.callsOf("answerCallbackQuery").at(-1)?.payload).toMatchObject({ text: "⏹ You ended the package." });
      await h.command(englishOwner, "mine");
      expect(mineMessage()?.text).toContain("Status: Package ended");
      expect(mineMessage()?.text).not.toContain("Next visit");
      expect(h.buttonsOf(mineMessage())).toEqual([]);
    });

    it("Propose another time under a visit's announcement asks the owner's wish and moves that visit", async () => {
      await h.press(englishOwner, "🕑 Propose another time");
      expect(h.lastText(englishOwner)).toMatch(/^When would this visit suit you better\?/);
      await h.text(englishOwner, "Tuesday 10:00 instead");

      expect(workOrders()).toEqual([expect.objectContaining({ scheduledAt: new Date(tonight), status: "rescheduling", ownerTimeRequest: "Tuesday 10:00 instead" })]);
      expect(serviceOf(h)?.status).toBe("active");
    });

    it("Report a problem after a visit asks what is wrong and sends the visit back to the team", async () => {
      h.time.set("2026-11-30T18:00:00+08:00");
      await startService(h.workflow, { caseId: order.id, staffUserId: cleaningLeader, visitAt: tonight });
      await completeService(h.workflow, { caseId: order.id, staffUserId: cleaningLeader, visitAt: tonight });
      await deliverOwnerNotices(h);
      await h.press(englishOwner, "⚠️ Report a problem");
      expect(h.lastText(englishOwner)).toMatch(/^What is wrong with the work\?/);
      await h.text(englishOwner, "x");
      expect(h.lastText(englishOwner)).toBe("Please describe the problem as text (2 to 1000 characters).");
      await h.text(englishOwner, "The bathroom was skipped");

      expect(workOrders()).toEqual([expect.objectContaining({ status: "in_progress", problemReport: "The bathroom was skipped" })]);
      expect(serviceOf(h)?.status).toBe("active");
    });
  });

  it("words the order, its buttons and the reschedule question in Chinese", async () => {
    h = await createServiceHarness();
    await verifyThroughBot(h, chineseOwner, chineseOwnerPhone);
    order = await book("7002");
    await h.text(chineseOwner, "📋 我的工单");

    const message = [...h.telegram.chat(chineseOwner.id)].reverse().find((candidate) => candidate.text?.includes(order.number));
    expect(message?.text).toContain("S-2026-000001 · 钟点清洁\n状态：已受理，服务人员将与您联系");
    expect(message?.text).toContain("费用：¥150.00");
    expect(h.buttonsOf(message).map((button) => button.text)).toEqual(["🗓 改约", "✖️ 取消预约"]);
    await h.press(chineseOwner, "🗓 改约");
    expect(h.lastText(chineseOwner)).toBe("请问您希望改到什么时间？请输入您方便的日期和时间，例如“下周六上午”。");
    await h.text(chineseOwner, "下周六上午");

    expect(serviceOf(h)).toMatchObject({ status: "new", details: { ownerTimeRequest: "下周六上午" } });
  });
});
