import { afterEach, describe, expect, it } from "vitest";
import type { Case } from "../../../src/core/case/case.js";
import type { FeeType } from "../../../src/core/domain/fees.js";
import type { ComplaintCase } from "../../../src/core/kinds/complaint/details.js";
import type { FeeCase } from "../../../src/core/kinds/fee/details.js";
import { reminderRunTask } from "../../../src/core/kinds/fee/reminder-run.js";
import { referToLegal } from "../../../src/core/kinds/fee/use-cases/stages.js";
import { ensureRecurringTasks } from "../../../src/core/use-cases/ensure-recurring-tasks.js";
import { recordPayment } from "../../../src/core/use-cases/fees/record-payment.js";
import { runDueWork } from "../../../src/core/use-cases/run-due-work.js";
import { chineseOwner, chineseOwnerPhone, createHarness, deliverOwnerNotices, englishOwner, englishOwnerPhone, verifyThroughBot, type Harness, } from "./telegram-harness.js";

// The harness's clock: Monday 30 November 2026, 10:00 in Shanghai. The reminder run goes daily at
// 10:00; on Tuesday 1 December the property fee due on 30 November is a day overdue.
const tuesdayRun = new Date("2026-12-01T02:00:00Z");

let h: Harness;

async function charge(unit: string, feeType: FeeType, period: string, amountFen: number, dueDate: string): Promise<void> {
  const at = h.time.now();
  await h.store.transaction(async (store) => {
    const found = await store.units.findByAddress("3", unit);
    if (!found) throw new Error(`no unit 3-${unit}`);
    await store.charges.upsertMany([{ id: `${unit}-${feeType}-${period}`, unitId: found.id, feeType, period, amountFen, dueDate, paidFen: 0, promisedBy: null, disputeCaseId: null, createdAt: at, updatedAt: at }]);
  });
}

/** The reminder run on Tuesday at 10:00, its notices delivered to the owners' chats. */
async function remindOnTuesday(): Promise<void> {
  await ensureRecurringTasks(h.workflow, [{ task: reminderRunTask }]);
  h.time.set(tuesdayRun);
  await runDueWork(h.workflow);
  await deliverOwnerNotices(h);
}

const cases = (): Case[] => h.store.snapshot().cases;
const feeCase = () => cases().find((candidate) => candidate.kind === "fee") as FeeCase;
const charges = () => h.store.snapshot().charges;
const eventTypes = () => h.store.snapshot().events.filter((event) => event.caseId === feeCase().id).map((event) => event.type);
const answered = () => h.telegram.callsOf("answerCallbackQuery").at(-1)?.payload;
const reminderMessage = (user: { id: number }) => [...h.telegram.chat(user.id)].reverse().find((message) => (message.reply_markup?.inline_keyboard.length ?? 0) > 0);

afterEach(async () => {
  expect(h.missingKeys).toEqual([]);
  await h.close();
});

describe("a fee reminder's buttons for an English owner", () => {
  const setUp = async () => {
    h = await createHarness();
    await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    await charge("1202", "property", "2026-11", 30000, "2026-11-30");
    await charge("1202", "elevator", "2026-11", 4550, "2026-12-04");
    await remindOnTuesday();
  };

  it("offers Noted, Pay by three dates named in the property's zone, Dispute, and the reasons once overdue", async () => {
    await setUp();

    expect(h.buttonsOf(reminderMessage(englishOwner)).map((button) => button.text)).toEqual([
      "👌 Acknowledged",
      "🗓 I will pay by Fri, Dec 4",
      "🗓 I will pay by Tue, Dec 8",
      "🗓 I will pay by Thu, Dec 31",
      "❓ I dispute this",
      "I forgot",
      "Financial difficulty",
      "I disagree with the service",
      "I do not live there",
      "Another reason",
    ]);
  });

  it("keeps Noted as evidence and says so under the reminder", async () => {
    await setUp();
    await h.press(englishOwner, "👌 Acknowledged");

    expect(answered()).toMatchObject({ text: "👌 You acknowledged this reminder." });
    expect(eventTypes()).toContain("acknowledged");
    expect(reminderMessage(englishOwner)).toBeUndefined();
    expect(h.lastText(englishOwner)).toMatch(/👌 You acknowledged this reminder\.$/);
  });

  it("records Pay by as a promise on the reminded charges for the day the button named", async () => {
    await setUp();
    await h.press(englishOwner, "🗓 I will pay by Tue, Dec 8");

    expect(answered()).toMatchObject({ text: "🗓 You promised to pay by Tue, Dec 8." });
    expect(charges().map((candidate) => [candidate.feeType, candidate.promisedBy]).sort()).toEqual([
      ["elevator", "2026-12-08"],
      ["property", "2026-12-08"],
    ]);
    expect(feeCase().details.promisedBy).toBe("2026-12-08");
    await h.command(englishOwner, "fees");
    expect(h.lastText(englishOwner)).toContain("• 2026-11 Property fee: ¥300.00, due Mon, Nov 30 (you promised to pay by Tue, Dec 8)");
  });

  it("shows on /fees where the household stands on the ladder", async () => {
    await setUp();
    await h.command(englishOwner, "fees");

    expect(h.lastText(englishOwner)).toContain("Total due: ¥345.50\nWhere you stand: Overdue: reminded every week");
  });

  it("answers the reminder's buttons as stale once a payment settled the household, and lists it as paid", async () => {
    await setUp();
    await recordPayment(h.workflow, { staffUserId: "UFRONT1", unitId: feeCase().unitId, feeType: "property", period: "2026-11", amountFen: 30000, paidAt: tuesdayRun });
    await h.press(englishOwner, "👌 Acknowledged");

    expect(answered()).toMatchObject({ text: "This request has moved on; the buttons no longer apply." });
    expect(eventTypes()).not.toContain("acknowledged");
    await h.command(englishOwner, "mine");
    expect(h.lastText(englishOwner)).toContain(`${feeCase().number} · Fees of building 3, unit 1202\nStatus: Paid, thank you`);
  });

  it("shows a disputed charge as such on /fees", async () => {
    await setUp();
    await h.press(englishOwner, "❓ I dispute this");
    await h.text(englishOwner, "The elevator has been out of order all month");
    await h.command(englishOwner, "fees");
    expect(h.lastText(englishOwner)).toContain("• 2026-11 Elevator fee: ¥45.50, due Fri, Dec 4 (disputed: reminders wait for your complaint)");
  });

  it("asks what is wrong on Dispute, opens a complaint about the fees linked to the household's file, and tells its number", async () => {
    await setUp();
    await h.press(englishOwner, "❓ I dispute this");
    expect(h.lastText(englishOwner)).toBe("What is wrong with these fees? Please describe it in one message.");
    await h.text(englishOwner, "x");
    expect(h.lastText(englishOwner)).toBe("Please write what is wrong in a few words.");
    await h.text(englishOwner, "The elevator has been out of order all month");
    await deliverOwnerNotices(h);

    const complaint = cases().find((candidate) => candidate.kind === "complaint") as ComplaintCase;
    expect(complaint).toMatchObject({ number: "C-2026-000001", linkedCaseId: feeCase().id, details: { subject: "fees", description: "The elevator has been out of order all month" } });
    expect(charges().map((candidate) => candidate.disputeCaseId)).toEqual([complaint.id, complaint.id]);
    expect(eventTypes()).toContain("disputed");
    expect(h.lastText(englishOwner)).toContain("complaint C-2026-000001");
    // The conversation is over: a next text is not taken as the dispute's words.
    expect(Object.keys(h.store.snapshot().keyValues).filter((key) => key.startsWith("telegram:conversation:"))).toEqual([]);
  });

  it("records the reason an overdue owner gives", async () => {
    await setUp();
    await h.press(englishOwner, "Financial difficulty");

    expect(answered()).toMatchObject({ text: "Reason recorded: financial difficulty." });
    expect(feeCase().details.overdueReason).toBe("financial_difficulty");
  });

  it("answers Dispute as stale once the manager referred the household to legal, without asking anything", async () => {
    await setUp();
    await referToLegal(h.workflow, { staffUserId: "UMANAGR", caseId: feeCase().id });
    await h.press(englishOwner, "❓ I dispute this");

    expect(answered()).toMatchObject({ text: "This request has moved on; the buttons no longer apply." });
    expect(h.lastText(englishOwner)).toMatch(/This request has moved on; the buttons no longer apply\.$/);
    await h.text(englishOwner, "The elevator has been out of order all month");
    expect(cases().filter((candidate) => candidate.kind === "complaint")).toEqual([]);
    await h.command(englishOwner, "mine");
    expect(h.lastText(englishOwner)).toContain(`${feeCase().number} · Fees of building 3, unit 1202\nStatus: Referred to our legal department`);
  });

  it("lists the household's file under /mine with where it stands", async () => {
    await setUp();
    await h.command(englishOwner, "mine");

    expect(h.lastText(englishOwner)).toContain(`${feeCase().number} · Fees of building 3, unit 1202\nStatus: Overdue: reminded every week`);
  });
});

describe("a fee reminder's buttons for a Chinese owner", () => {
  it("names the dates in Chinese and takes the promise", async () => {
    h = await createHarness();
    await verifyThroughBot(h, chineseOwner, chineseOwnerPhone);
    await charge("0801", "property", "2026-12", 30000, "2026-12-04");
    await remindOnTuesday();

    expect(h.buttonsOf(reminderMessage(chineseOwner)).map((button) => button.text)).toEqual(["👌 已知悉", "🗓 我将于 12月4日周五 前缴费", "🗓 我将于 12月8日周二 前缴费", "🗓 我将于 12月31日周四 前缴费", "❓ 我有异议"]);
    await h.press(chineseOwner, "🗓 我将于 12月4日周五 前缴费");

    expect(answered()).toMatchObject({ text: "🗓 您已承诺于 12月4日周五 前缴费。" });
    expect(charges()[0]?.promisedBy).toBe("2026-12-04");
  });

  it("asks what is wrong in Chinese on Dispute", async () => {
    h = await createHarness();
    await verifyThroughBot(h, chineseOwner, chineseOwnerPhone);
    await charge("0801", "property", "2026-12", 30000, "2026-12-04");
    await remindOnTuesday();
    await h.press(chineseOwner, "❓ 我有异议");
    expect(h.lastText(chineseOwner)).toBe("这些费用有什么问题？请用一条消息说明。");
    await h.text(chineseOwner, "本月电梯一直停用");

    expect(cases().find((candidate) => candidate.kind === "complaint")).toMatchObject({ linkedCaseId: feeCase().id, details: { subject: "fees" } });
  });
});
