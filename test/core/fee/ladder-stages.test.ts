import { describe, expect, it } from "vitest";
import { WorkflowError } from "../../../src/core/domain/errors.js";
import { getFeeLadderSummary } from "../../../src/core/kinds/fee/use-cases/ladder-summary.js";
import { homeVisitDone, markLetterSent, referToLegal } from "../../../src/core/kinds/fee/use-cases/stages.js";
import { runDueWork } from "../../../src/core/use-cases/run-due-work.js";
import { addCharges, createFeeFixture, feeCaseOf, payloadsOf, reminders, runDaily, runOn } from "./fee-steps.js";

const august = { period: "2026-08", amountFen: 25_000, dueDate: "2026-08-31" };

/** A household overdue since 2026-09-01 (its first overdue reminder that day at 10:00), run daily up to `until`. */
async function overdueSinceSeptember(until: string) {
  const fixture = await createFeeFixture("2026-08-31T09:00:00+08:00");
  const [charge] = await addCharges(fixture.ctx, fixture.unitA, [august]);
  await runDaily(fixture.ctx, fixture.time, fixture.memory, "2026-08-31", until);
  return { ...fixture, charge: charge! };
}

describe("the ladder's stages", () => {
  it("issues the demand letter exactly 3 calendar months after the first overdue reminder, and not a day before", async () => {
    const { ctx, time, memory, unitA } = await overdueSinceSeptember("2026-11-30");
    const before = await feeCaseOf(ctx, unitA);
    expect(before?.details).toMatchObject({ stage: "overdue", letterNumber: null, firstOverdueReminderAt: new Date("2026-09-01T02:00:00Z") });
    expect(payloadsOf(memory, "staff.alert").filter((alert) => alert.key === "alerts.fee_demand_letter")).toEqual([]);
    await runOn(ctx, time, "2026-12-01");
    const letter = await feeCaseOf(ctx, unitA);
    expect(letter?.details).toMatchObject({ stage: "demand_letter", letterNumber: "DL-2026-000001", letterAt: new Date("2026-12-01T02:00:00Z") });
    expect(payloadsOf(memory, "staff.alert").filter((alert) => alert.key === "alerts.fee_demand_letter")).toEqual([
      expect.objectContaining({ team: "frontdesk", caseId: letter!.id, params: expect.objectContaining({ letter: "DL-2026-000001", total: "¥250.00", building: "3", unit: "1202" }) }),
    ]);
    // The card is redrawn for the front desk to print the letter from.
    expect(payloadsOf(memory, "staff.case-card").at(-1)).toMatchObject({ team: "frontdesk", caseId: letter!.id });
    // A second run that day numbers no second letter.
    await runOn(ctx, time, "2026-12-01");
    expect((await feeCaseOf(ctx, unitA))?.details.letterNumber).toBe("DL-2026-000001");
  });

  it("records the express mail's tracking number on the letter", async () => {
    const { ctx, time, unitA } = await overdueSinceSeptember("2026-12-01");
    const file = await feeCaseOf(ctx, unitA);
    time.set("2026-12-01T14:00:00+08:00");
    const sent = await markLetterSent(ctx, { caseId: file!.id, staffUserId: "UFRONT1", trackingNumber: " SF1234567890 " });
    expect(sent.details).toMatchObject({ trackingNumber: "SF1234567890", sentAt: new Date("2026-12-01T06:00:00Z") });
  });

  it("alerts the front desk for the home visit a month after the letter, then records the visit with its note", async () => {
    const { ctx, time, memory, unitA } = await overdueSinceSeptember("2026-12-31");
    const visits = () => payloadsOf(memory, "staff.alert").filter((alert) => alert.key === "alerts.fee_home_visit");
    expect(visits()).toEqual([]);
    expect((await feeCaseOf(ctx, unitA))?.details.stage).toBe("demand_letter");
    await runOn(ctx, time, "2027-01-01");
    expect(visits()).toHaveLength(1);
    const file = await feeCaseOf(ctx, unitA);
    expect(file?.details.stage).toBe("home_visit");
    time.set("2027-01-03T15:00:00+08:00");
    const visited = await homeVisitDone(ctx, { caseId: file!.id, staffUserId: "UFRONT1", note: "Met the owner; will pay after the holiday" });
    expect(visited.details).toMatchObject({ homeVisitAt: new Date("2027-01-03T07:00:00Z"), homeVisitNote: "Met the owner; will pay after the holiday" });
  });

  it("refers to legal only for a manager, and then stops the reminders", async () => {
    const { ctx, time, memory, unitA } = await overdueSinceSeptember("2026-09-01");
    const file = await feeCaseOf(ctx, unitA);
    time.set("2026-09-02T11:00:00+08:00");
    const refused = await referToLegal(ctx, { caseId: file!.id, staffUserId: "UFRONTL" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WorkflowError);
    expect((refused as WorkflowError).code).toBe("forbidden");
    const referred = await referToLegal(ctx, { caseId: file!.id, staffUserId: "UMANAGR", note: "Refuses without reason since 2025" });
    expect(referred).toMatchObject({ status: "referred", details: { stage: "legal" } });
    const count = reminders(memory).length;
    expect(await runDaily(ctx, time, memory, "2026-09-03", "2026-09-30")).toEqual({});
    expect(reminders(memory)).toHaveLength(count);
  });
});

describe("the weekly ladder summary", () => {
  it("counts households and amounts per stage and lists the overdue households the bot cannot reach", async () => {
    const { ctx, time, unitA, unitB } = await createFeeFixture("2026-09-29T09:00:00+08:00");
    await addCharges(ctx, unitA, [{ period: "2026-09", amountFen: 25_000, dueDate: "2026-09-30" }, { period: "2026-10", amountFen: 25_000, dueDate: "2026-10-31" }]);
    await addCharges(ctx, unitB, [{ feeType: "garbage", period: "2026-09", amountFen: 1_200, dueDate: "2026-09-28" }]);
    await runOn(ctx, time, "2026-09-29");
    const summary = await getFeeLadderSummary(ctx);
    expect(summary.stages).toMatchObject({ reminding: { households: 0, amountFen: 0 }, overdue: { households: 1, amountFen: 1_200 }, demand_letter: { households: 0, amountFen: 0 } });
    await runOn(ctx, time, "2026-10-01");
    const later = await getFeeLadderSummary(ctx);
    // Only what is due counts: 1202's October fee is not due yet.
    expect(later.stages.overdue).toEqual({ households: 2, amountFen: 26_200 });
    expect(later.callList).toEqual([expect.objectContaining({ building: "3", unit: "1203", ownerName: "李雷", phone: "+8613800000002", amountFen: 1_200, stage: "overdue" })]);
  });

  it("queues the front desk's digest on Mondays at 09:00, once per ISO week", async () => {
    const { ctx, time, memory } = await createFeeFixture("2026-11-30T08:00:00+08:00");
    time.set("2026-11-30T09:00:00+08:00");
    await runDueWork(ctx);
    time.set("2026-12-06T20:00:00+08:00");
    await runDueWork(ctx);
    time.set("2026-12-07T09:00:00+08:00");
    await runDueWork(ctx);
    expect(payloadsOf(memory, "staff.digest")).toEqual([
      { type: "staff.digest", team: "frontdesk", digest: "fee.week", period: "2026-W49" },
      { type: "staff.digest", team: "frontdesk", digest: "fee.week", period: "2026-W50" },
    ]);
  });
});
