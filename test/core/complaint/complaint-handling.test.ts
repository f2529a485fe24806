import { describe, expect, it } from "vitest";
import { answerVerdict } from "../../../src/core/kinds/complaint/use-cases/answer-verdict.js";
import { classifyComplaint } from "../../../src/core/kinds/complaint/use-cases/classify-complaint.js";
import { markComplaintInvalid, recordOwnerContacted, routeComplaint, takeOverComplaint } from "../../../src/core/kinds/complaint/use-cases/complaint-steps.js";
import { recordComplaintForOwner } from "../../../src/core/kinds/complaint/use-cases/record-complaint-for-owner.js";
import { reportOngoingHarm } from "../../../src/core/kinds/complaint/use-cases/report-ongoing-harm.js";
import { resolveComplaint } from "../../../src/core/kinds/complaint/use-cases/resolve-complaint.js";
import type { RepairCase } from "../../../src/core/kinds/repair/details.js";
import { recordCallback } from "../../../src/core/use-cases/record-callback.js";
import { listOwnerCases } from "../../../src/core/use-cases/list-owner-cases.js";
import { createFixture, reportedRepair } from "../../support/workflow-fixture.js";
import { alertsOf, dueAt, openCallbackOf } from "../repair/repair-steps.js";
import { filedComplaint } from "./complaint-steps.js";

const ownerNotices = (memory: Parameters<typeof alertsOf>[0]) =>
  memory.snapshot().outbox.map((m) => m.payload).filter((p) => p.type === "owner.notice");

async function classifiedMinor(at = "2026-12-01T10:00:00+08:00") {
  const fixture = await createFixture({ at });
  const complaint = await filedComplaint(fixture.ctx);
  await classifyComplaint(fixture.ctx, { caseId: complaint.id, staffUserId: "UFRONT1", tier: "minor" });
  return { ...fixture, complaint };
}

describe("handling a complaint", () => {
  it("harm ongoing opens a linked repair at once, mentions the maintenance leader, and the complaint goes on", async () => {
    const { ctx, memory } = await createFixture({ at: "2026-12-01T10:00:00+08:00" });
    const complaint = await filedComplaint(ctx, { subject: "facilities", description: "Water is flooding my bathroom from upstairs" });
    const { complaint: after, repairNumber } = await reportOngoingHarm(ctx, { caseId: complaint.id, staffUserId: "UFRONT1", category: "water_leak" });

    expect(repairNumber).toMatch(/^R-2026-\d{6}$/);
    expect(after.status).toBe("received");
    const repair = memory!.snapshot().cases.find((c) => c.number === repairNumber) as RepairCase;
    expect(repair).toMatchObject({ kind: "repair", linkedCaseId: complaint.id, unitId: complaint.unitId, reporterId: complaint.reporterId, team: "maintenance" });
    expect(repair.details).toMatchObject({ category: "water_leak", description: "Water is flooding my bathroom from upstairs" });
    expect(after.details.harmRepairId).toBe(repair.id);
    expect(alertsOf(memory!).map((a) => [a.team, a.key, a.mentions, a.caseId])).toEqual([["maintenance", "alerts.harm_repair", ["UMAINTL"], repair.id]]);
    // Offered once: a second press is refused by the card's own rule, not by a second repair.
    const { complaintKind } = await import("../../../src/core/kinds/complaint/kind.js");
    expect(complaintKind.cardActions(after)).not.toContain("harm_ongoing");
  });

  it("an invalid complaint still gets its helpful reply, and none of its clocks fires", async () => {
    const { ctx, time, memory } = await createFixture({ at: "2026-12-01T10:00:00+08:00" });
    const complaint = await filedComplaint(ctx);
    await expect(markComplaintInvalid(ctx, { caseId: complaint.id, staffUserId: "UFRONT1", reply: " " })).rejects.toMatchObject({ code: "invalid_input" });
    const invalid = await markComplaintInvalid(ctx, { caseId: complaint.id, staffUserId: "UFRONT1", reply: "Parking fines are set by the city; here is the hotline 12345." });
    expect(invalid.status).toBe("invalid");
    expect(ownerNotices(memory!).at(-1)).toMatchObject({ key: "complaint.invalid", params: { reply: "Parking fines are set by the city; here is the hotline 12345." } });
    expect(await dueAt(ctx, time, "2026-12-05T10:00:00+08:00")).toEqual([]);
  });

  it("a maintenance member may not classify: refused, nothing changed", async () => {
    const { ctx, memory } = await createFixture({ at: "2026-12-01T10:00:00+08:00" });
    const complaint = await filedComplaint(ctx);
    const before = memory!.commits();
    await expect(classifyComplaint(ctx, { caseId: complaint.id, staffUserId: "UMAINT1", tier: "major" })).rejects.toMatchObject({ code: "forbidden", params: { holders: "frontdesk" } });
    expect(memory!.commits()).toBe(before);
  });

  it("routing makes the department's head responsible and mentions them; the head may then record the contact", async () => {
    const { ctx, memory, complaint } = await classifiedMinor();
    const routed = await routeComplaint(ctx, { caseId: complaint.id, staffUserId: "UFRONT1", department: "maintenance" });
    expect(routed.details.department).toBe("maintenance");
    expect(alertsOf(memory!).at(-1)).toMatchObject({ team: "maintenance", key: "alerts.complaint_forwarded", mentions: ["UMAINTL"] });
    const contacted = await recordOwnerContacted(ctx, { caseId: complaint.id, staffUserId: "UMAINTL" });
    expect(contacted.details.contactedAt).not.toBeNull();
    await expect(routeComplaint(ctx, { caseId: complaint.id, staffUserId: "UFRONT1", department: "manager" as never })).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("the supervisor takes over a very upset owner: the front desk leader is assigned and mentioned", async () => {
    const { ctx, memory, complaint } = await classifiedMinor();
    const taken = await takeOverComplaint(ctx, { caseId: complaint.id, staffUserId: "UFRONT1" });
    const leader = await ctx.uow.transaction((store) => store.staff.findByUserId("UFRONTL"));
    expect(taken.assigneeId).toBe(leader?.id);
    expect(alertsOf(memory!).at(-1)).toMatchObject({ team: "frontdesk", key: "alerts.complaint_supervisor", mentions: ["UFRONTL"] });
  });

  it("the resolution reaches the owner with Resolved / Not resolved; Not resolved reopens it and alerts the responsible team's leader", async () => {
    const { ctx, time, memory, complaint } = await classifiedMinor();
    await routeComplaint(ctx, { caseId: complaint.id, staffUserId: "UFRONT1", department: "maintenance" });
    time.set("2026-12-01T15:00:00+08:00");
    await resolveComplaint(ctx, { caseId: complaint.id, staffUserId: "UMAINTL", resolution: "We spoke to the neighbour; drilling stops at 20:00." });
    expect(ownerNotices(memory!).at(-1)).toMatchObject({
      key: "complaint.resolved",
      params: { resolution: "We spoke to the neighbour; drilling stops at 20:00." },
      buttons: [{ kind: "complaint", action: "verdict.resolved" }, { kind: "complaint", action: "verdict.not_resolved" }],
    });
    expect(await openCallbackOf(ctx, complaint.id)).not.toBeNull();

    time.set("2026-12-01T16:00:00+08:00");
    const reopened = await answerVerdict(ctx, { ownerUserId: "7001", caseId: complaint.id, verdict: "not_resolved" });
    expect(reopened.status).toBe("open");
    expect(alertsOf(memory!).at(-1)).toMatchObject({ team: "maintenance", key: "alerts.complaint_not_resolved", mentions: ["UMAINTL"] });
    expect(await openCallbackOf(ctx, complaint.id)).toBeNull();
    // The resolution clock runs again to the tier's deadline.
    expect(await dueAt(ctx, time, "2026-12-03T10:00:00+08:00")).toEqual(["escalated"]);
  });

  it("a resolved complaint is closed by its callback like any other case, and Resolved from the owner is kept, once", async () => {
    const { ctx, time, memory, complaint } = await classifiedMinor();
    await resolveComplaint(ctx, { caseId: complaint.id, staffUserId: "UFRONT1", resolution: "Quiet hours notice posted in building 3." });
    const kept = await answerVerdict(ctx, { ownerUserId: "7001", caseId: complaint.id, verdict: "resolved" });
    expect(kept).toMatchObject({ status: "resolved", details: { ownerVerdict: "resolved" } });
    await answerVerdict(ctx, { ownerUserId: "7001", caseId: complaint.id, verdict: "resolved" });
    expect(ownerNotices(memory!).filter((notice) => notice.key === "complaint.thanks_resolved")).toHaveLength(1);
    await dueAt(ctx, time, "2026-12-02T10:00:00+08:00");
    const callback = await openCallbackOf(ctx, complaint.id);
    const { ticket } = await recordCallback(ctx, { callbackId: callback!.id, staffUserId: "UFRONT1", outcome: "satisfied" });
    expect(ticket.status).toBe("closed");
    await expect(answerVerdict(ctx, { ownerUserId: "7001", caseId: complaint.id, verdict: "not_resolved" })).rejects.toMatchObject({ code: "invalid_transition" });
  });

  it("a letter recorded by the front desk is received when recorded, with its channel", async () => {
    const { ctx, memory } = await createFixture({ at: "2026-12-01T10:00:00+08:00" });
    const complaint = await recordComplaintForOwner(ctx, {
      staffUserId: "UFRONT1",
      channel: "letter",
      building: "3",
      unit: "1202",
      caller: { name: "王建国", phone: "+8613900000009" },
      subject: "hygiene",
      description: "Rubbish left in the corridor for a week",
      whenWhere: "Since 24 Nov, 12th floor corridor",
      ownerRequest: "Clean it and tell the cleaners",
    });
    expect(complaint).toMatchObject({ status: "received", reporterUserId: null, details: { channel: "letter", about: null, ownerDeadline: null } });
    expect(complaint.createdAt.toISOString()).toBe(new Date("2026-12-01T10:00:00+08:00").toISOString());
    expect(memory!.snapshot().outbox.map((m) => m.payload)).toContainEqual({ type: "staff.case-card", team: "frontdesk", caseId: complaint.id });
    await expect(recordComplaintForOwner(ctx, { staffUserId: "UMAINT1", channel: "phone", building: "3", unit: "1202", caller: { name: "x", phone: "+8613900000009" }, subject: "noise", description: "Loud music", whenWhere: "now", ownerRequest: "stop" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("my requests list complaints beside repairs", async () => {
    const { ctx } = await createFixture({ at: "2026-12-01T10:00:00+08:00" });
    const repair = await reportedRepair(ctx);
    const complaint = await filedComplaint(ctx, { ownerUserId: "7001" });
    const mine = await listOwnerCases(ctx, "7001");
    expect(mine.map((c) => c.number).sort()).toEqual([complaint.number, repair.number].sort());
  });
});
