import { describe, expect, it } from "vitest";
import { confirmAppointment } from "../../../src/core/kinds/repair/use-cases/confirm-appointment.js";
import { proposeAppointment } from "../../../src/core/kinds/repair/use-cases/propose-appointment.js";
import { startWork } from "../../../src/core/kinds/repair/use-cases/start-work.js";
import { claimCase } from "../../../src/core/use-cases/claim-case.js";
import { QuietHoursSchema } from "../../../src/core/domain/working-hours.js";
import { createFixture, reportedRepair } from "../../support/workflow-fixture.js";
import { alertsOf, dueAt } from "./repair-steps.js";

async function proposedAt(proposeAt: string, visitAt: string) {
  const fixture = await createFixture({ at: proposeAt });
  const ticket = await reportedRepair(fixture.ctx);
  await claimCase(fixture.ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });
  await proposeAppointment(fixture.ctx, { caseId: ticket.id, staffUserId: "UMAINT1", at: new Date(visitAt) });
  return { ...fixture, ticket };
}

const ownerNotices = (memory: NonNullable<Awaited<ReturnType<typeof createFixture>>["memory"]>) =>
  memory.snapshot().outbox.map((m) => m.payload).filter((p) => p.type === "owner.notice");

describe("nothing waits silently", () => {
  it("a proposed time the owner has not answered is reminded to the owner after 4 hours, with the same buttons", async () => {
    const { ctx, time, memory } = await proposedAt("2026-12-01T10:00:00+08:00", "2026-12-03T10:00:00+08:00");

    expect(await dueAt(ctx, time, "2026-12-01T13:59:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-01T14:00:00+08:00")).toEqual(["owner_reminded"]);
    const reminder = ownerNotices(memory!).at(-1);
    expect(reminder).toMatchObject({ key: "repair.time_reminder", buttons: [{ action: "appointment.confirm", arg: "2026-12-03T02:00:00.000Z" }, { action: "appointment.other" }] });
  });

  it("an owner's reminder falling in the quiet hours waits for 08:00", async () => {
    const { ctx, time } = await proposedAt("2026-12-01T19:00:00+08:00", "2026-12-03T10:00:00+08:00");

    expect(await dueAt(ctx, time, "2026-12-01T23:00:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-02T07:59:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-02T08:00:00+08:00")).toEqual(["owner_reminded"]);
  });

  it("QUIET_HOURS moves the owner's reminder: with 23:00-07:00 a reminder due at 23:00 waits for 07:00, one due at 22:30 goes", async () => {
    const proposedWithQuietHours = async (proposeAt: string) => {
      const fixture = await createFixture({ at: proposeAt });
      fixture.ctx.ownerHours = QuietHoursSchema.parse("23:00-07:00");
      const ticket = await reportedRepair(fixture.ctx);
      await claimCase(fixture.ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });
      await proposeAppointment(fixture.ctx, { caseId: ticket.id, staffUserId: "UMAINT1", at: new Date("2026-12-03T10:00:00+08:00") });
      return fixture;
    };
    const late = await proposedWithQuietHours("2026-12-01T19:00:00+08:00");
    expect(await dueAt(late.ctx, late.time, "2026-12-02T06:59:00+08:00")).toEqual([]);
    expect(await dueAt(late.ctx, late.time, "2026-12-02T07:00:00+08:00")).toEqual(["owner_reminded"]);

    const evening = await proposedWithQuietHours("2026-12-01T18:30:00+08:00");
    expect(await dueAt(evening.ctx, evening.time, "2026-12-01T22:30:00+08:00")).toEqual(["owner_reminded"]);
  });

  it("a proposal still unanswered after 24 hours alerts the assignee and the front desk, who can confirm by phone", async () => {
    const { ctx, time, memory } = await proposedAt("2026-12-01T10:00:00+08:00", "2026-12-03T10:00:00+08:00");
    await dueAt(ctx, time, "2026-12-01T14:00:00+08:00");

    expect(await dueAt(ctx, time, "2026-12-02T09:59:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-02T10:00:00+08:00")).toEqual(["escalated"]);
    expect(alertsOf(memory!).map((alert) => [alert.team, alert.key, alert.mentions])).toEqual([
      ["maintenance", "alerts.proposal_unanswered", ["UMAINT1"]],
      ["frontdesk", "alerts.proposal_unanswered_frontdesk", []],
    ]);
  });

  it("the owner's confirmation stops the reminder and the alert", async () => {
    const { ctx, time, memory, ticket } = await proposedAt("2026-12-01T10:00:00+08:00", "2026-12-03T10:00:00+08:00");
    time.set("2026-12-01T13:00:00+08:00");
    await confirmAppointment(ctx, { caseId: ticket.id, ownerUserId: "7001" });

    expect(await dueAt(ctx, time, "2026-12-02T10:00:00+08:00")).toEqual([]);
    expect(alertsOf(memory!)).toEqual([]);
  });

  it("a confirmed visit not started an hour after its time alerts the maintenance leader once", async () => {
    const { ctx, time, memory, ticket } = await proposedAt("2026-12-01T10:00:00+08:00", "2026-12-01T15:00:00+08:00");
    await confirmAppointment(ctx, { caseId: ticket.id, ownerUserId: "7001" });

    expect(await dueAt(ctx, time, "2026-12-01T15:59:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-01T16:00:00+08:00")).toEqual(["escalated"]);
    expect(alertsOf(memory!)).toEqual([expect.objectContaining({ team: "maintenance", key: "alerts.visit_not_started", mentions: ["UMAINTL"] })]);
  });

  it("a visit started in time alerts nobody", async () => {
    const { ctx, time, memory, ticket } = await proposedAt("2026-12-01T10:00:00+08:00", "2026-12-01T15:00:00+08:00");
    await confirmAppointment(ctx, { caseId: ticket.id, ownerUserId: "7001" });
    time.set("2026-12-01T15:59:00+08:00");
    await startWork(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });

    expect(await dueAt(ctx, time, "2026-12-01T16:00:00+08:00")).toEqual([]);
    expect(alertsOf(memory!)).toEqual([]);
  });
});
