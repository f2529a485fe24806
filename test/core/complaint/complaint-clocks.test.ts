import { describe, expect, it } from "vitest";
import { classifyComplaint } from "../../../src/core/kinds/complaint/use-cases/classify-complaint.js";
import { acknowledgeComplaint, sendComplaintAnswer } from "../../../src/core/kinds/complaint/use-cases/complaint-steps.js";
import { resolveComplaint } from "../../../src/core/kinds/complaint/use-cases/resolve-complaint.js";
import { createFixture } from "../../support/workflow-fixture.js";
import { alertsOf, dueAt } from "../repair/repair-steps.js";
import { filedComplaint } from "./complaint-steps.js";

/** Alerts as [channel, key, mentions], the way the Slack side receives them. */
const alertLines = (memory: Parameters<typeof alertsOf>[0]) => alertsOf(memory).map((alert) => [alert.team, alert.key, alert.mentions]);

describe("complaint clocks run in calendar time from the reception", () => {
  it("a complaint not classified an hour after reception alerts the front desk leader once, at any hour", async () => {
    const { ctx, time, memory } = await createFixture({ at: "2026-12-05T21:10:00+08:00" });
    const complaint = await filedComplaint(ctx);
    expect(complaint.number).toMatch(/^C-2026-\d{6}$/);
    expect(complaint.status).toBe("received");

    expect(await dueAt(ctx, time, "2026-12-05T22:09:59+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-05T22:10:00+08:00")).toEqual(["escalated"]);
    expect(await dueAt(ctx, time, "2026-12-05T23:10:00+08:00")).toEqual([]);
    expect(alertLines(memory!)).toEqual([["frontdesk", "alerts.complaint_unclassified", ["UFRONTL"]]]);
  });

  it("classifying in time stops the hour's clock", async () => {
    const { ctx, time, memory } = await createFixture({ at: "2026-12-01T10:00:00+08:00" });
    const complaint = await filedComplaint(ctx);
    time.set("2026-12-01T10:20:00+08:00");
    await classifyComplaint(ctx, { caseId: complaint.id, staffUserId: "UFRONT1", tier: "minor" });
    expect(await dueAt(ctx, time, "2026-12-01T11:30:00+08:00")).toEqual([]);
    expect(alertLines(memory!)).toEqual([]);
  });

  it("major: the manager is mentioned at once and must acknowledge by the end of the day, else the front desk leader is alerted", async () => {
    const { ctx, time, memory } = await createFixture({ at: "2026-12-01T10:00:00+08:00" });
    const complaint = await filedComplaint(ctx, { description: "Gas smell in the stairwell since this morning" });
    expect(complaint.details.suggestedTier).toBe("major");
    time.set("2026-12-01T10:15:00+08:00");
    const major = await classifyComplaint(ctx, { caseId: complaint.id, staffUserId: "UFRONT1", tier: "major" });

    expect(alertLines(memory!)).toEqual([["manager", "alerts.complaint_major", ["UMANAGR"]]]);
    const cards = memory!.snapshot().outbox.map((m) => m.payload).flatMap((p) => (p.type === "staff.case-card" && p.caseId === complaint.id ? [p] : []));
    expect(cards.map((card) => [card.team, card.copy ?? false])).toContainEqual(["manager", true]);
    expect(major.details.resolveBy?.toISOString()).toBe(new Date("2026-12-11T10:00:00+08:00").toISOString());

    expect(await dueAt(ctx, time, "2026-12-01T23:59:59+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-02T00:00:00+08:00")).toEqual(["escalated"]);
    expect(alertLines(memory!).at(-1)).toEqual(["frontdesk", "alerts.complaint_major_unacknowledged", ["UFRONTL"]]);
  });

  it("major: no clear answer within 2 days, and no resolution within 10 days, alert the manager; the answer and the resolution stop them", async () => {
    const { ctx, time, memory } = await createFixture({ at: "2026-12-01T10:00:00+08:00" });
    const complaint = await filedComplaint(ctx);
    await classifyComplaint(ctx, { caseId: complaint.id, staffUserId: "UFRONT1", tier: "major" });
    time.set("2026-12-01T15:00:00+08:00");
    await acknowledgeComplaint(ctx, { caseId: complaint.id, staffUserId: "UMANAGR" });

    expect(await dueAt(ctx, time, "2026-12-03T09:59:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-03T10:00:00+08:00")).toEqual(["escalated"]);
    expect(alertLines(memory!).at(-1)).toEqual(["manager", "alerts.complaint_answer_overdue", ["UMANAGR"]]);
    await sendComplaintAnswer(ctx, { caseId: complaint.id, staffUserId: "UFRONT1", answer: "The gas company inspects the riser tomorrow at 9." });
    expect(await dueAt(ctx, time, "2026-12-11T09:59:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-11T10:00:00+08:00")).toEqual(["escalated"]);
    expect(alertLines(memory!).at(-1)).toEqual(["manager", "alerts.complaint_resolve_overdue", ["UMANAGR"]]);

    // Every breach stays on the complaint, for the report.
    const breaches = await ctx.uow.transaction((store) => store.cases.listEvents(complaint.id, 50));
    expect(breaches.filter((event) => event.type === "escalated").map((event) => event.data.rule)).toEqual(["complaint.major.answer", "complaint.major.resolve"]);
  });

  it("major filed at 23:30: the same day ends 30 minutes later, and acknowledging in time stops it", async () => {
    const late = await createFixture({ at: "2026-12-01T23:30:00+08:00" });
    const complaint = await filedComplaint(late.ctx, { description: "Water pouring from the ceiling, 漏水 into the flat" });
    late.time.set("2026-12-01T23:40:00+08:00");
    await classifyComplaint(late.ctx, { caseId: complaint.id, staffUserId: "UFRONT1", tier: "major" });
    expect(await dueAt(late.ctx, late.time, "2026-12-01T23:59:59+08:00")).toEqual([]);
    expect(await dueAt(late.ctx, late.time, "2026-12-02T00:00:00+08:00")).toEqual(["escalated"]);
    expect(alertLines(late.memory!).at(-1)?.[1]).toBe("alerts.complaint_major_unacknowledged");

    const acknowledged = await createFixture({ at: "2026-12-01T23:30:00+08:00" });
    const other = await filedComplaint(acknowledged.ctx);
    await classifyComplaint(acknowledged.ctx, { caseId: other.id, staffUserId: "UFRONT1", tier: "major" });
    acknowledged.time.set("2026-12-01T23:50:00+08:00");
    await acknowledgeComplaint(acknowledged.ctx, { caseId: other.id, staffUserId: "UMANAGR" });
    expect(await dueAt(acknowledged.ctx, acknowledged.time, "2026-12-02T00:30:00+08:00")).toEqual([]);
  });

  it("service error: forwarded to the department head at once, who must acknowledge within the hour of reception, else the manager is mentioned", async () => {
    const { ctx, time, memory } = await createFixture({ at: "2026-12-01T10:00:00+08:00" });
    const complaint = await filedComplaint(ctx, { subject: "staff_attitude", description: "The plumber shouted at my mother", about: "maintenance" });
    expect(complaint.details.suggestedTier).toBe("service_error");
    time.set("2026-12-01T10:30:00+08:00");
    const classified = await classifyComplaint(ctx, { caseId: complaint.id, staffUserId: "UFRONT1", tier: "service_error", department: "maintenance" });

    expect(classified.details.department).toBe("maintenance");
    expect(classified.assigneeId).not.toBeNull();
    expect(alertLines(memory!)).toEqual([["maintenance", "alerts.complaint_forwarded_service_error", ["UMAINTL"]]]);
    expect(await dueAt(ctx, time, "2026-12-01T10:59:59+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-01T11:00:00+08:00")).toEqual(["escalated"]);
    expect(alertLines(memory!).at(-1)).toEqual(["manager", "alerts.complaint_forward_unacknowledged", ["UMANAGR"]]);
    expect(await dueAt(ctx, time, "2026-12-04T09:59:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-04T10:00:00+08:00")).toEqual(["escalated"]);
    expect(alertLines(memory!).at(-1)).toEqual(["manager", "alerts.complaint_resolve_overdue", ["UMANAGR"]]);
  });

  it("service error: only the department head (or a manager) acknowledges, and in time nothing is escalated", async () => {
    const { ctx, time, memory } = await createFixture({ at: "2026-12-01T10:00:00+08:00" });
    const complaint = await filedComplaint(ctx, { subject: "staff_attitude" });
    await expect(classifyComplaint(ctx, { caseId: complaint.id, staffUserId: "UFRONT1", tier: "service_error" })).rejects.toMatchObject({ code: "invalid_input" });
    await classifyComplaint(ctx, { caseId: complaint.id, staffUserId: "UFRONT1", tier: "service_error", department: "maintenance" });
    await expect(acknowledgeComplaint(ctx, { caseId: complaint.id, staffUserId: "UMAINT1" })).rejects.toMatchObject({ code: "forbidden", params: { reason: "wrong_role", team: "maintenance" } });
    await expect(acknowledgeComplaint(ctx, { caseId: complaint.id, staffUserId: "UFRONT1" })).rejects.toMatchObject({ code: "forbidden" });
    time.set("2026-12-01T10:40:00+08:00");
    await acknowledgeComplaint(ctx, { caseId: complaint.id, staffUserId: "UMAINTL" });
    expect(await dueAt(ctx, time, "2026-12-01T11:30:00+08:00")).toEqual([]);
    expect(alertLines(memory!).map((line) => line[1])).toEqual(["alerts.complaint_forwarded_service_error"]);
  });

  it("minor: resolved within 2 days, else the front desk leader is alerted", async () => {
    const { ctx, time, memory } = await createFixture({ at: "2026-12-01T10:00:00+08:00" });
    const complaint = await filedComplaint(ctx);
    await classifyComplaint(ctx, { caseId: complaint.id, staffUserId: "UFRONT1", tier: "minor" });
    expect(await dueAt(ctx, time, "2026-12-03T09:59:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-03T10:00:00+08:00")).toEqual(["escalated"]);
    expect(alertLines(memory!)).toEqual([["frontdesk", "alerts.complaint_resolve_overdue", ["UFRONTL"]]]);
  });

  it("minor: the owner's own deadline replaces the 2 days, counted from the reception", async () => {
    const { ctx, time, memory } = await createFixture({ at: "2026-12-01T10:00:00+08:00" });
    const complaint = await filedComplaint(ctx, { deadline: { days: 7 } });
    expect(complaint.details.ownerDeadline?.toISOString()).toBe(new Date("2026-12-08T10:00:00+08:00").toISOString());
    time.set("2026-12-01T10:30:00+08:00");
    await classifyComplaint(ctx, { caseId: complaint.id, staffUserId: "UFRONT1", tier: "minor" });
    expect(await dueAt(ctx, time, "2026-12-03T10:00:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-08T09:59:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-08T10:00:00+08:00")).toEqual(["escalated"]);
    expect(alertLines(memory!)).toEqual([["frontdesk", "alerts.complaint_resolve_overdue", ["UFRONTL"]]]);
  });

  it("a typed date is the end of that local day; a date in the past is refused and nothing is recorded", async () => {
    const { ctx, time, memory } = await createFixture({ at: "2026-12-01T10:00:00+08:00" });
    const complaint = await filedComplaint(ctx, { deadline: { date: "2026-12-02" } });
    await classifyComplaint(ctx, { caseId: complaint.id, staffUserId: "UFRONT1", tier: "minor" });
    expect(await dueAt(ctx, time, "2026-12-02T23:59:59+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-03T00:00:00+08:00")).toEqual(["escalated"]);

    const before = memory!.snapshot().cases.length;
    await expect(filedComplaint(ctx, { ownerUserId: "7001", deadline: { date: "2026-11-30" } })).rejects.toMatchObject({ code: "invalid_input" });
    expect(memory!.snapshot().cases.length).toBe(before);
  });

  it("resolving in time stops the resolution clock and opens the callback", async () => {
    const { ctx, time, memory } = await createFixture({ at: "2026-12-01T10:00:00+08:00" });
    const complaint = await filedComplaint(ctx);
    await classifyComplaint(ctx, { caseId: complaint.id, staffUserId: "UFRONT1", tier: "minor" });
    time.set("2026-12-02T16:00:00+08:00");
    const resolved = await resolveComplaint(ctx, { caseId: complaint.id, staffUserId: "UFRONT1", resolution: "The neighbour agreed to stop drilling after 20:00." });
    expect(resolved.status).toBe("resolved");
    expect(await dueAt(ctx, time, "2026-12-03T10:30:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-03T16:00:00+08:00")).toEqual(["callback_prompted"]);
    expect(alertLines(memory!)).toEqual([]);
  });
});
