import type { Message } from "grammy/types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { encodeOwnerButton } from "../../../src/adapters/telegram/callback-data.js";
import type { Case } from "../../../src/core/case/case.js";
import type { OwnerButton } from "../../../src/core/domain/outbox.js";
import { classifyComplaint } from "../../../src/core/kinds/complaint/use-cases/classify-complaint.js";
import { fileComplaint } from "../../../src/core/kinds/complaint/use-cases/file-complaint.js";
import { resolveComplaint } from "../../../src/core/kinds/complaint/use-cases/resolve-complaint.js";
import { reminderRunTask } from "../../../src/core/kinds/fee/reminder-run.js";
import { completeWork } from "../../../src/core/kinds/repair/use-cases/complete-work.js";
import { confirmAppointment } from "../../../src/core/kinds/repair/use-cases/confirm-appointment.js";
import { proposeAppointment } from "../../../src/core/kinds/repair/use-cases/propose-appointment.js";
import { reportRepair } from "../../../src/core/kinds/repair/use-cases/report-repair.js";
import { startWork } from "../../../src/core/kinds/repair/use-cases/start-work.js";
import { bookService } from "../../../src/core/kinds/service/use-cases/book-service.js";
import { completeService } from "../../../src/core/kinds/service/use-cases/complete-service.js";
import { confirmServiceTime } from "../../../src/core/kinds/service/use-cases/confirm-service-time.js";
import { proposeServiceTime } from "../../../src/core/kinds/service/use-cases/propose-service-time.js";
import { quoteService } from "../../../src/core/kinds/service/use-cases/quote-service.js";
import { startService } from "../../../src/core/kinds/service/use-cases/start-service.js";
import { claimCase } from "../../../src/core/use-cases/claim-case.js";
import { ensureRecurringTasks } from "../../../src/core/use-cases/ensure-recurring-tasks.js";
import { recordPayment } from "../../../src/core/use-cases/fees/record-payment.js";
import { runDueWork } from "../../../src/core/use-cases/run-due-work.js";
import { callbackQueryUpdate } from "../../../src/testing/index.js";
import { workflowState } from "../../support/workflow-state.js";
import { cleaningLeader, createServiceHarness } from "./service-harness.js";
import { chineseOwner, chineseOwnerPhone, deliverOwnerNotices, englishOwner, englishOwnerPhone, verifyThroughBot, type Harness } from "./telegram-harness.js";

// The harness's clock: Monday 30 November 2026, 10:00 in Shanghai. The victim is 李丽 (Telegram
// 7002, unit 3-0801); the attacker is Wang Fang (7001, unit 3-1202), verified and English.
const victim = chineseOwner;
const attacker = englishOwner;
const saturday = new Date("2026-12-05T06:00:00Z");
/** The answer to a button that does not decode. */
const expired = "This button has expired.";
/** The answer to a button naming a case that is not the presser's: the same words as for one that moved on, so a forger learns nothing. */
const movedOn = "This request has moved on; the buttons no longer apply.";

let h: Harness;

async function closeHarness(): Promise<void> {
  expect(h.missingKeys).toEqual([]);
  await h.close();
}

/** A message of the attacker's own chat to press on: a forged press still comes from a message of theirs. */
function attackerMessage(): Message {
  const message = h.telegram.chat(attacker.id).at(-1);
  if (!message) throw new Error("nothing in the attacker's chat");
  return message;
}

const press = (user: typeof attacker, data: string, message = attackerMessage()) => h.handle(callbackQueryUpdate({ user, data, message }));
const lastAnswer = () => h.telegram.callsOf("answerCallbackQuery").at(-1)?.payload;

/**
 * The victim with a case of every kind, each in the state where its buttons act: a repair
 * awaiting the time's confirmation and one done (Fixed?), a resolved complaint, service orders
 * quoted, awaiting a time, scheduled and done (paid, so accepting it issues a receipt), and a fee
 * file reminded and overdue. Returns every button the victim was sent, plus the /mine ones.
 */
async function victimWithEveryKind(): Promise<{ buttons: OwnerButton[]; cases: Record<string, Case> }> {
  h = await createServiceHarness();
  await verifyThroughBot(h, attacker, englishOwnerPhone);
  await verifyThroughBot(h, victim, chineseOwnerPhone);
  const owner = String(victim.id);
  const technician = { staffUserId: "UMAINT1" };
  const repair = (description: string) => reportRepair(h.workflow, { ownerUserId: owner, category: "plumbing", description, photos: [], publicArea: null, preferredTime: "Any morning" });

  const awaiting = await repair("Kitchen tap drips");
  await claimCase(h.workflow, { caseId: awaiting.id, ...technician });
  await proposeAppointment(h.workflow, { caseId: awaiting.id, ...technician, at: saturday });

  const done = await repair("Bathroom drain is slow");
  await claimCase(h.workflow, { caseId: done.id, ...technician });
  await proposeAppointment(h.workflow, { caseId: done.id, ...technician, at: new Date(h.time.now().getTime() + 3_600_000) });
  await confirmAppointment(h.workflow, { caseId: done.id, ownerUserId: owner });
  await startWork(h.workflow, { caseId: done.id, ...technician });
  await completeWork(h.workflow, { caseId: done.id, ...technician });

  const complaint = await fileComplaint(h.workflow, {
    ownerUserId: owner,
    subject: "noise",
    description: "Drilling every evening after 22:00",
    whenWhere: "Every evening, unit 0901",
    about: null,
    ownerRequest: "Please ask them to stop at 20:00",
    deadline: null,
    photos: [],
  });
  await classifyComplaint(h.workflow, { caseId: complaint.id, staffUserId: "UFRONT1", tier: "minor" });
  await resolveComplaint(h.workflow, { caseId: complaint.id, staffUserId: "UFRONT1", resolution: "We spoke to the neighbour." });

  const hourly = () => bookService(h.workflow, { ownerUserId: owner, serviceType: "cleaning_hourly", priceCode: "CL-HOURLY", hours: 3, specialRequests: "", preferredTime: "Saturday" });
  const quoted = await bookService(h.workflow, { ownerUserId: owner, serviceType: "cleaning_monthly", priceCode: "CL-MONTHLY-WEEKLY", specialRequests: "", preferredTime: "Monday evenings" });
  await quoteService(h.workflow, { caseId: quoted.id, staffUserId: cleaningLeader, lines: [{ code: "CL-MONTHLY-WEEKLY", quantity: 1 }], schedule: { weekdays: [1], time: "18:00", weeksOfMonth: null } });
  const proposed = await hourly();
  await proposeServiceTime(h.workflow, { caseId: proposed.id, staffUserId: cleaningLeader, at: saturday });
  const scheduled = await hourly();
  await proposeServiceTime(h.workflow, { caseId: scheduled.id, staffUserId: cleaningLeader, at: saturday });
  await confirmServiceTime(h.workflow, { ownerUserId: owner, caseId: scheduled.id, proposedAt: saturday.toISOString() });
  const served = await hourly();
  const soon = new Date(h.time.now().getTime() + 3_600_000);
  await proposeServiceTime(h.workflow, { caseId: served.id, staffUserId: cleaningLeader, at: soon });
  await confirmServiceTime(h.workflow, { ownerUserId: owner, caseId: served.id, proposedAt: soon.toISOString() });
  await startService(h.workflow, { caseId: served.id, staffUserId: cleaningLeader });
  await completeService(h.workflow, { caseId: served.id, staffUserId: cleaningLeader });

  // The fee file: a property fee due on Monday, reminded (and a day overdue) on Tuesday at 10:00.
  const unit = await h.store.transaction((store) => store.units.findByAddress("3", "0801"));
  if (!unit) throw new Error("no unit 3-0801");
  const at = h.time.now();
  await h.store.transaction((store) =>
    store.charges.upsertMany([
      { id: "0801-property-2026-11", unitId: unit.id, feeType: "property", period: "2026-11", amountFen: 30000, dueDate: "2026-11-30", paidFen: 0, promisedBy: null, disputeCaseId: null, createdAt: at, updatedAt: at },
      { id: "0801-property-2026-10", unitId: unit.id, feeType: "property", period: "2026-10", amountFen: 30000, dueDate: "2026-10-31", paidFen: 0, promisedBy: null, disputeCaseId: null, createdAt: at, updatedAt: at },
    ]),
  );
  await recordPayment(h.workflow, { staffUserId: "UFRONT1", unitId: unit.id, feeType: "property", period: "2026-10", amountFen: 30000, paidAt: at });
  await ensureRecurringTasks(h.workflow, [{ task: reminderRunTask }]);
  h.time.set("2026-12-01T02:00:00Z");
  await runDueWork(h.workflow);
  await deliverOwnerNotices(h);

  const sent = h.store
    .snapshot()
    .outbox.flatMap((row) => (row.payload.type === "owner.notice" && row.payload.chatId === owner ? row.payload.buttons : []));
  // Reschedule / Cancel / End are offered under /mine, not under a notice.
  const mine: OwnerButton[] = [
    { kind: "service", action: "order.reschedule", caseId: scheduled.id },
    { kind: "service", action: "order.cancel", caseId: scheduled.id },
  ];
  const cases = { awaiting, done, complaint, quoted, proposed, scheduled, served };
  const fee = h.store.snapshot().cases.find((candidate) => candidate.kind === "fee");
  if (!fee) throw new Error("no fee file");
  return { buttons: [...sent, ...mine], cases: { ...cases, fee } };
}

describe("an owner pressing a button forged to name another owner's case", { timeout: 60_000 }, () => {
  let buttons: OwnerButton[];
  let cases: Record<string, Case>;

  // One harness for the whole block: every refused press must leave it as it was, which the next relies on.
  beforeAll(async () => {
    ({ buttons, cases } = await victimWithEveryKind());
  });
  afterAll(closeHarness);

  it("covers every kind's buttons: repair, complaint, service order and fee file", () => {
    const actions = new Set(buttons.map((button) => `${button.kind}/${button.action}`));
    expect([...actions].sort()).toEqual(
      expect.arrayContaining([
        "complaint/verdict.not_resolved",
        "complaint/verdict.resolved",
        "fee/ack",
        "fee/dispute",
        "fee/pay_by",
        "fee/reason.forgot",
        "repair/appointment.confirm",
        "repair/appointment.other",
        "repair/fixed.no",
        "repair/fixed.yes",
        "service/order.cancel",
        "service/order.reschedule",
        "service/quote.accept",
        "service/quote.decline",
        "service/time.confirm",
        "service/time.other",
        "service/work.accept",
        "service/work.problem",
      ]),
    );
  });

  it("is answered as a request that moved on, as for an unknown case, and changes nothing, for every button the other owner was sent", async () => {
    for (const button of buttons) {
      const before = workflowState(h.store);
      const victimChat = h.telegram.chat(victim.id).length;

      await press(attacker, encodeOwnerButton(h.workflow.kinds, button));

      const what = `${button.kind}/${button.action}`;
      expect(lastAnswer(), what).toMatchObject({ text: movedOn });
      expect(workflowState(h.store), what).toEqual(before);
      expect(h.telegram.chat(victim.id), what).toHaveLength(victimChat);
    }
  });

  it("a press that asks a question first (another time, a problem, a dispute) opens no conversation: the next words change nothing", async () => {
    for (const button of buttons.filter((candidate) => ["appointment.other", "time.other", "work.problem", "order.reschedule", "dispute"].includes(candidate.action))) {
      const shown = h.texts(attacker).length;
      await press(attacker, encodeOwnerButton(h.workflow.kinds, button));
      // No question is asked: the press is only answered.
      expect(h.texts(attacker), button.action).toHaveLength(shown);
      const before = workflowState(h.store);

      await h.text(attacker, "Next Tuesday at 10:00, and the fee is wrong");

      expect(workflowState(h.store), button.action).toEqual(before);
    }
  });

  it("the receipt of the other owner's accepted work never reaches the attacker: only its owner's own press issues it", async () => {
    const accept = encodeOwnerButton(h.workflow.kinds, { kind: "service", action: "work.accept", caseId: cases.served!.id });
    await press(attacker, accept);
    expect(h.store.snapshot().receipts.filter((receipt) => receipt.caseId === cases.served!.id)).toEqual([]);

    const victimMessage = h.telegram.chat(victim.id).at(-1);
    if (!victimMessage) throw new Error("nothing in the victim's chat");
    await press(victim, accept, victimMessage);
    await deliverOwnerNotices(h);

    const receipt = h.store.snapshot().receipts.find((candidate) => candidate.caseId === cases.served!.id);
    expect(receipt?.number).toMatch(/^RC-2026-\d{6}$/);
    expect(h.texts(victim).join("\n")).toContain(receipt!.number);
    expect(h.texts(attacker).join("\n")).not.toContain(receipt!.number);
    expect(h.texts(attacker).join("\n")).not.toMatch(/RC-2026-/);
  });

  it("/fees shows the attacker their own unit only, never the other owner's charges, file or receipts", async () => {
    await h.command(attacker, "fees");

    const shown = h.texts(attacker).slice(-3).join("\n");
    expect(shown).not.toContain("0801");
    expect(shown).not.toContain(cases.fee!.number);
    expect(shown).not.toMatch(/RC-2026-/);
  });
});

describe("an owner pressing buttons that name no case of theirs, or do not decode", { timeout: 60_000 }, () => {
  afterEach(closeHarness);

  it("answers a well-formed button naming an unknown case as moved on, of every kind, and changes nothing", async () => {
    await victimWithEveryKind();
    const unknown = "00000000-0000-4000-8000-000000000000";
    const forged: OwnerButton[] = [
      { kind: "repair", action: "fixed.yes", caseId: unknown },
      { kind: "complaint", action: "verdict.resolved", caseId: unknown },
      { kind: "service", action: "quote.accept", caseId: unknown },
      { kind: "service", action: "order.cancel", caseId: unknown },
      { kind: "fee", action: "ack", caseId: unknown },
      { kind: "fee", action: "dispute", caseId: unknown },
    ];
    for (const button of forged) {
      const before = workflowState(h.store);
      await press(attacker, encodeOwnerButton(h.workflow.kinds, button));

      expect(lastAnswer(), button.action).toMatchObject({ text: movedOn });
      expect(workflowState(h.store), button.action).toEqual(before);
    }
  });

  it("answers a button of one kind naming the other owner's case of another kind as moved on (a fee button on a repair)", async () => {
    const { cases } = await victimWithEveryKind();
    const before = workflowState(h.store);
    const victimMessage = h.telegram.chat(victim.id).at(-1)!;
    // Even the case's own reporter: a fee button never acts on a repair, nor a repair button on a service order.
    await press(victim, encodeOwnerButton(h.workflow.kinds, { kind: "fee", action: "ack", caseId: cases.done!.id }), victimMessage);
    await press(victim, encodeOwnerButton(h.workflow.kinds, { kind: "repair", action: "fixed.yes", caseId: cases.served!.id }), victimMessage);
    await press(victim, encodeOwnerButton(h.workflow.kinds, { kind: "complaint", action: "verdict.resolved", caseId: cases.done!.id }), victimMessage);

    expect(workflowState(h.store)).toEqual(before);
    expect(lastAnswer()).toMatchObject({ text: "该工单状态已更新，此按钮不再适用。" });
  });

  it("/fees never shows a unit where the owner is only a tenant or proxy: the other owner's unit stays theirs", async () => {
    await victimWithEveryKind();
    const unit = await h.store.transaction((store) => store.units.findByAddress("3", "0801"));
    for (const role of ["tenant", "proxy"] as const) {
      await h.store.transaction((store) => store.residents.upsert({ unitId: unit!.id, name: "Wang Fang", phone: englishOwnerPhone, locale: "en", role, source: "front_desk" }));

      await h.command(attacker, "fees");

      const shown = h.texts(attacker).slice(-3).join("\n");
      expect(shown, role).not.toContain("0801");
      expect(shown, role).not.toMatch(/RC-2026-/);
    }
  });

  it("answers malformed encodings as expired: wrong prefixes, extra fields, bad instants, over-long data", async () => {
    const { cases } = await victimWithEveryKind();
    const id = cases.awaiting!.id;
    const before = workflowState(h.store);
    for (const data of ["", ":", "ob", "ob:", "ob:R", "ob:R:ac", `ob:R:ac:${id}:x`, `ob:R:zz:${id}`, `ob:Z:ac:${id}:1764914400`, `ob:R:fy:${id}:1`, `ob:F:fp:${id}`, `oa:ac:${id}`, `lg:xx`, `ct:${"x".repeat(64)}`, "🙂:🙂", "ob:R:ac::1764914400"]) {
      await press(attacker, data);

      expect(lastAnswer(), data).toMatchObject({ text: expired });
    }
    expect(workflowState(h.store)).toEqual(before);
    expect(h.texts(attacker).join("\n")).not.toMatch(/went wrong/i);
  });
});
