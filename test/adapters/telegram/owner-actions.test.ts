import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeOwnerButton } from "../../../src/adapters/telegram/callback-data.js";
import type { RepairCase } from "../../../src/core/kinds/repair/details.js";
import { completeWork } from "../../../src/core/kinds/repair/use-cases/complete-work.js";
import { confirmAppointment } from "../../../src/core/kinds/repair/use-cases/confirm-appointment.js";
import { proposeAppointment } from "../../../src/core/kinds/repair/use-cases/propose-appointment.js";
import { reportRepair } from "../../../src/core/kinds/repair/use-cases/report-repair.js";
import { startWork } from "../../../src/core/kinds/repair/use-cases/start-work.js";
import { claimCase } from "../../../src/core/use-cases/claim-case.js";
import { callbackQueryUpdate } from "../../../src/testing/index.js";
import { createHarness, deliverOwnerNotices, englishOwner, englishOwnerPhone, verifyThroughBot, type Harness } from "./telegram-harness.js";

const technician = "UMAINT1";

describe("owner buttons under notices", () => {
  let h: Harness;
  let ticket: RepairCase;

  const deliverNotices = () => deliverOwnerNotices(h);
  const ticketNow = () => h.store.snapshot().cases.find((candidate) => candidate.id === ticket.id) as RepairCase | undefined;
  const noticeWith = (label: string) => [...h.telegram.chat(englishOwner.id)].reverse().find((message) => h.buttonsOf(message).some((button) => button.text === label));

  beforeEach(async () => {
    h = await createHarness();
    await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    ticket = await reportRepair(h.workflow, {
      ownerUserId: "7001",
      category: "plumbing",
      description: "Kitchen tap drips",
      photos: [],
      publicArea: null,
      preferredTime: "Tomorrow morning",
    });
    await claimCase(h.workflow, { caseId: ticket.id, staffUserId: technician });
    await proposeAppointment(h.workflow, { caseId: ticket.id, staffUserId: technician, at: new Date("2026-12-01T06:00:00Z") });
    await deliverNotices();
  });

  afterEach(async () => {
    expect(h.missingKeys).toEqual([]);
    await h.close();
  });

  it("shows the proposed time with Confirm / Another time buttons whose data decodes to the ticket's actions", async () => {
    const notice = noticeWith("✅ Confirm this time");

    expect(notice?.text).toBe("For your request R-2026-000001, the technician proposes to visit on Tue, Dec 1, 14:00. Does this time suit you?");
    expect(h.buttonsOf(notice).map((button) => ("callback_data" in button ? decodeOwnerButton(h.workflow.kinds, button.callback_data) : null))).toEqual([
      { type: "owner_button", button: { kind: "repair", action: "appointment.confirm", caseId: ticket.id, arg: "2026-12-01T06:00:00.000Z" } },
      { type: "owner_button", button: { kind: "repair", action: "appointment.other", caseId: ticket.id, arg: "2026-12-01T06:00:00.000Z" } },
    ]);
  });

  it("an older proposal's Confirm is expired once staff propose another time, and confirms nothing", async () => {
    await proposeAppointment(h.workflow, { caseId: ticket.id, staffUserId: technician, at: new Date("2026-12-02T06:00:00Z") });
    await deliverNotices();
    const first = h.telegram.chat(englishOwner.id).find((message) => message.text?.includes("Tue, Dec 1, 14:00"));
    const confirm = h.buttonsOf(first).find((button) => button.text === "✅ Confirm this time");
    await h.bot.handleUpdate(callbackQueryUpdate({ user: englishOwner, data: confirm && "callback_data" in confirm ? confirm.callback_data : "", message: first! }));

    expect(ticketNow()?.status).toBe("awaiting_confirmation");
    expect(h.telegram.chat(englishOwner.id).find((message) => message.message_id === first?.message_id)?.reply_markup).toBeUndefined();
  });

  it("confirms the visit time through the core, answers the press and removes the keyboard", async () => {
    await h.press(englishOwner, "✅ Confirm this time");

    expect(ticketNow()?.status).toBe("scheduled");
    expect(h.telegram.callsOf("answerCallbackQuery").at(-1)?.payload).toMatchObject({ text: "✅ You confirmed this time." });
    const notice = h.telegram.chat(englishOwner.id).find((message) => message.text?.includes("proposes to visit"));
    expect(notice?.reply_markup).toBeUndefined();
    expect(notice?.text).toMatch(/Does this time suit you\?\n\n✅ You confirmed this time\.$/);
  });

  it("a second press of an already used button gets one answer: the press is answered and no message is sent", async () => {
    const notice = noticeWith("✅ Confirm this time");
    const data = h.buttonsOf(notice).find((button) => button.text === "✅ Confirm this time");
    if (!notice || !data || !("callback_data" in data)) throw new Error("notice not shown");
    await h.press(englishOwner, "✅ Confirm this time");
    const shown = h.texts(englishOwner).length;
    await h.handle(callbackQueryUpdate({ user: englishOwner, data: data.callback_data, message: notice }));

    expect(h.texts(englishOwner)).toHaveLength(shown);
    expect(h.telegram.callsOf("sendMessage").map((call) => call.payload.text)).not.toContain("R-2026-000001 cannot do that in its current state.");
    expect(h.telegram.callsOf("answerCallbackQuery").at(-1)?.payload).toMatchObject({ text: "This request has moved on; the buttons no longer apply." });
    expect(ticketNow()?.status).toBe("scheduled");
  });

  it("asks for another time, then hands the owner's words to the core", async () => {
    await h.press(englishOwner, "🕑 Another time");
    expect(h.lastText(englishOwner)).toBe("Which time would suit you better? Choose below or type your own time.");
    expect(noticeWith("✅ Confirm this time")).toBeUndefined();

    await h.text(englishOwner, "Saturday 10 am");

    expect(ticketNow()).toMatchObject({ status: "assigned", details: { ownerTimeRequest: "Saturday 10 am", appointmentAt: null } });
    await deliverNotices();
    expect(h.lastText(englishOwner)).toBe("Noted: for request R-2026-000001 you prefer Saturday 10 am. We will propose a new time shortly.");
  });

  it("sends a repair the owner says is not fixed back to maintenance and removes the buttons", async () => {
    await confirmAppointment(h.workflow, { ownerUserId: "7001", caseId: ticket.id });
    await startWork(h.workflow, { caseId: ticket.id, staffUserId: technician });
    await completeWork(h.workflow, { caseId: ticket.id, staffUserId: technician });
    await deliverNotices();
    expect(h.lastText(englishOwner)).toBe("The work on your request R-2026-000001 is finished. Is the problem fixed?");

    await h.press(englishOwner, "👎 Not fixed");

    expect(ticketNow()).toMatchObject({ status: "assigned", details: { ownerFixedAnswer: "no" } });
    expect(noticeWith("👎 Not fixed")).toBeUndefined();
    const payloads = h.outbox().map((message) => message.payload);
    expect(payloads).toContainEqual(expect.objectContaining({ type: "staff.alert", key: "alerts.owner_not_fixed" }));
    expect(payloads).toContainEqual(expect.objectContaining({ type: "owner.notice", key: "repair.reopened" }));
  });

  it("still confirms through a button of the format shown before kinds (oa:), which owners may press weeks later", async () => {
    const notice = noticeWith("✅ Confirm this time");
    if (!notice) throw new Error("notice not shown");
    const proposedSeconds = Date.parse("2026-12-01T06:00:00Z") / 1000;

    await h.handle(callbackQueryUpdate({ user: englishOwner, data: `oa:ac:${ticket.id}:${proposedSeconds}`, message: notice }));

    expect(ticketNow()?.status).toBe("scheduled");
    expect(h.telegram.callsOf("answerCallbackQuery").at(-1)?.payload).toMatchObject({ text: "✅ You confirmed this time." });
    expect(noticeWith("✅ Confirm this time")).toBeUndefined();
  });

  it("still asks for another time through an old-format (oa:) Another time button", async () => {
    const notice = noticeWith("🕑 Another time");
    if (!notice) throw new Error("notice not shown");
    const proposedSeconds = Date.parse("2026-12-01T06:00:00Z") / 1000;

    await h.handle(callbackQueryUpdate({ user: englishOwner, data: `oa:ao:${ticket.id}:${proposedSeconds}`, message: notice }));
    await h.text(englishOwner, "Saturday 10 am");

    expect(ticketNow()).toMatchObject({ status: "assigned", details: { ownerTimeRequest: "Saturday 10 am" } });
  });

  it("answers an undecodable button as expired and drops its keyboard", async () => {
    const notice = noticeWith("✅ Confirm this time");
    if (!notice) throw new Error("notice not shown");
    await h.handle(callbackQueryUpdate({ user: englishOwner, data: "v0:something-old", message: notice }));

    expect(h.telegram.callsOf("answerCallbackQuery").at(-1)?.payload).toMatchObject({ text: "This button has expired." });
    expect(noticeWith("✅ Confirm this time")).toBeUndefined();
    expect(ticketNow()?.status).toBe("awaiting_confirmation");
  });

  it("answers a button whose seconds no date can hold (oa:ac:x:1e308 and the like) as expired, not as something went wrong", async () => {
    const notice = noticeWith("✅ Confirm this time");
    if (!notice) throw new Error("notice not shown");
    for (const data of ["oa:ac:x:1e308", `oa:ac:${ticket.id}:1e308`, `ob:R:ac:${ticket.id}:1e308`, `ob:R:ac:${ticket.id}:${"9".repeat(20)}`, `oa:ac:${ticket.id}:-1`]) {
      await h.handle(callbackQueryUpdate({ user: englishOwner, data, message: notice }));

      expect(h.telegram.callsOf("answerCallbackQuery").at(-1)?.payload, data).toMatchObject({ text: "This button has expired." });
    }
    expect(h.telegram.callsOf("sendMessage").map((call) => String(call.payload.text))).not.toContainEqual(expect.stringMatching(/went wrong/i));
    expect(ticketNow()?.status).toBe("awaiting_confirmation");
  });
});
