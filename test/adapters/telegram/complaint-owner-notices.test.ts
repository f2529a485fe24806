import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeOwnerButton } from "../../../src/adapters/telegram/callback-data.js";
import type { ComplaintCase } from "../../../src/core/kinds/complaint/details.js";
import { classifyComplaint } from "../../../src/core/kinds/complaint/use-cases/classify-complaint.js";
import { sendComplaintAnswer } from "../../../src/core/kinds/complaint/use-cases/complaint-steps.js";
import { fileComplaint } from "../../../src/core/kinds/complaint/use-cases/file-complaint.js";
import { resolveComplaint } from "../../../src/core/kinds/complaint/use-cases/resolve-complaint.js";
import { reportRepair } from "../../../src/core/kinds/repair/use-cases/report-repair.js";
import { callbackQueryUpdate } from "../../../src/testing/index.js";
import { hour } from "../../support/workflow-fixture.js";
import { createHarness, deliverOwnerNotices, englishOwner, englishOwnerPhone, verifyThroughBot, type Harness } from "./telegram-harness.js";

const frontDesk = "UFRONT1";

describe("a complaint in the owner's chat after it is filed", () => {
  let h: Harness;
  let complaint: ComplaintCase;

  const deliverNotices = () => deliverOwnerNotices(h);
  const complaintNow = () => h.store.snapshot().cases.find((candidate) => candidate.id === complaint.id) as ComplaintCase | undefined;
  const noticeWith = (label: string) => [...h.telegram.chat(englishOwner.id)].reverse().find((message) => h.buttonsOf(message).some((button) => button.text === label));

  beforeEach(async () => {
    h = await createHarness();
    await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    complaint = await fileComplaint(h.workflow, {
      ownerUserId: "7001",
      subject: "noise",
      description: "Drilling every evening after 22:00",
      whenWhere: "Every evening this week, unit 1302",
      about: null,
      ownerRequest: "Please ask them to stop at 20:00",
      deadline: null,
      photos: [],
    });
  });

  afterEach(async () => {
    expect(h.missingKeys).toEqual([]);
    await h.close();
  });

  it("is listed under /mine beside a repair, with its subject, status and the time it must be resolved by", async () => {
    h.time.advance(hour);
    await reportRepair(h.workflow, { ownerUserId: "7001", category: "plumbing", description: "Kitchen tap drips", photos: [], publicArea: null, preferredTime: "Any morning" });
    await classifyComplaint(h.workflow, { caseId: complaint.id, staffUserId: frontDesk, tier: "minor" });

    await h.command(englishOwner, "mine");

    expect(h.lastText(englishOwner)).toBe(
      [
        "Your latest requests (2):",
        "R-2026-000001 · Plumbing\nStatus: New\nReported: Mon, Nov 30, 11:00",
        // A minor complaint with no deadline of the owner's: resolved within 2 days of the reception.
        "C-2026-000001 · Complaint: Noise\nStatus: Being handled · to be resolved by Wed, Dec 2, 10:00\nReported: Mon, Nov 30, 10:00",
      ].join("\n\n"),
    );
  });

  it("shows a complaint not yet classified, and one resolved, without a due time", async () => {
    await h.command(englishOwner, "mine");
    expect(h.lastText(englishOwner)).toContain("C-2026-000001 · Complaint: Noise\nStatus: Received, not yet classified\nReported:");

    await classifyComplaint(h.workflow, { caseId: complaint.id, staffUserId: frontDesk, tier: "minor" });
    await resolveComplaint(h.workflow, { caseId: complaint.id, staffUserId: frontDesk, resolution: "We spoke to the neighbour; work stops at 20:00 from today." });
    await h.command(englishOwner, "mine");
    expect(h.lastText(englishOwner)).toContain("C-2026-000001 · Complaint: Noise\nStatus: Resolved, callback pending\nReported:");
  });

  it("tells the owner the reception, the deadline and staff's answer in the company's framing", async () => {
    await classifyComplaint(h.workflow, { caseId: complaint.id, staffUserId: frontDesk, tier: "minor" });
    await sendComplaintAnswer(h.workflow, { caseId: complaint.id, staffUserId: frontDesk, answer: "We will visit the neighbour tonight." });
    await deliverNotices();

    expect(h.texts(englishOwner).slice(-3)).toEqual([
      "We have received your complaint C-2026-000001. We are sorry for the trouble; the front desk will look into it at once and keep you informed here.",
      "Your complaint C-2026-000001 has been passed to the people responsible. It will be resolved by Wed, Dec 2, 10:00; they will contact you.",
      "The property service centre's answer to your complaint C-2026-000001: We will visit the neighbour tonight.",
    ]);
  });

  describe("once resolved", () => {
    beforeEach(async () => {
      await classifyComplaint(h.workflow, { caseId: complaint.id, staffUserId: frontDesk, tier: "minor" });
      await resolveComplaint(h.workflow, { caseId: complaint.id, staffUserId: frontDesk, resolution: "We spoke to the neighbour; work stops at 20:00 from today." });
      await deliverNotices();
    });

    it("shows the resolution with Resolved / Not resolved buttons whose data names the complaint's verdicts", async () => {
      const notice = noticeWith("👍 Resolved");

      expect(notice?.text).toBe("The property service centre has dealt with your complaint C-2026-000001: We spoke to the neighbour; work stops at 20:00 from today.\nIs the matter resolved for you?");
      expect(h.buttonsOf(notice).map((button) => ("callback_data" in button ? button.callback_data : null))).toEqual([`ob:C:vr:${complaint.id}`, `ob:C:vn:${complaint.id}`]);
      expect(h.buttonsOf(notice).map((button) => ("callback_data" in button ? decodeOwnerButton(h.workflow.kinds, button.callback_data) : null))).toEqual([
        { type: "owner_button", button: { kind: "complaint", action: "verdict.resolved", caseId: complaint.id } },
        { type: "owner_button", button: { kind: "complaint", action: "verdict.not_resolved", caseId: complaint.id } },
      ]);
    });

    it("reopens the complaint on Not resolved: it is open again, the team leader is alerted and the owner told", async () => {
      await h.press(englishOwner, "👎 Not resolved");

      expect(complaintNow()).toMatchObject({ status: "open", details: { ownerVerdict: "not_resolved", resolvedAt: null } });
      expect(h.telegram.callsOf("answerCallbackQuery").at(-1)?.payload).toMatchObject({ text: "👎 You said it is not resolved; it is being handled again." });
      expect(noticeWith("👎 Not resolved")).toBeUndefined();
      const notice = h.telegram.chat(englishOwner.id).find((message) => message.text?.startsWith("The property service centre has dealt with"));
      expect(notice?.text).toMatch(/\n\n👎 You said it is not resolved; it is being handled again\.$/);
      const payloads = h.outbox().map((message) => message.payload);
      expect(payloads).toContainEqual(expect.objectContaining({ type: "staff.alert", key: "alerts.complaint_not_resolved", mentions: ["UFRONTL"] }));
      await deliverNotices();
      expect(h.lastText(englishOwner)).toBe("Your complaint C-2026-000001 is being handled again; the person responsible will contact you shortly. We apologise for the inconvenience.");
    });

    it("keeps it resolved on Resolved, records the owner's word and thanks them", async () => {
      await h.press(englishOwner, "👍 Resolved");

      expect(complaintNow()).toMatchObject({ status: "resolved", details: { ownerVerdict: "resolved" } });
      expect(h.telegram.callsOf("answerCallbackQuery").at(-1)?.payload).toMatchObject({ text: "👍 You confirmed it is resolved. Thank you!" });
      expect(noticeWith("👎 Not resolved")).toBeUndefined();
      expect(h.outbox().map((message) => message.payload)).not.toContainEqual(expect.objectContaining({ key: "alerts.complaint_not_resolved" }));
      await deliverNotices();
      expect(h.lastText(englishOwner)).toBe("Thank you for confirming that your complaint C-2026-000001 is resolved. The front desk will still call you briefly to follow up.");
    });

    it("answers a press on the resolution's buttons once the complaint is open again as a button that no longer applies", async () => {
      const notice = noticeWith("👍 Resolved");
      const resolved = h.buttonsOf(notice).find((button) => button.text === "👍 Resolved");
      if (!notice || !resolved || !("callback_data" in resolved)) throw new Error("notice not shown");
      await h.press(englishOwner, "👎 Not resolved");

      await h.handle(callbackQueryUpdate({ user: englishOwner, data: resolved.callback_data, message: notice }));

      expect(complaintNow()).toMatchObject({ status: "open", details: { ownerVerdict: "not_resolved" } });
      expect(h.telegram.callsOf("answerCallbackQuery").at(-1)?.payload).toMatchObject({ text: "This request has moved on; the buttons no longer apply." });
    });
  });
});
