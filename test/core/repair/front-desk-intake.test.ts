import { describe, expect, it } from "vitest";
import { recordRepairForOwner } from "../../../src/core/kinds/repair/use-cases/record-repair-for-owner.js";
import { findUnitForIntake } from "../../../src/core/use-cases/find-unit-for-intake.js";
import { showReporterPhone } from "../../../src/core/use-cases/show-reporter-phone.js";
import { createFixture, verifiedOwner } from "../../support/workflow-fixture.js";

const phoneCall = { staffUserId: "UFRONT1", channel: "phone" as const, building: "3", unit: "1202", category: "plumbing" as const, description: "Kitchen tap drips", preferredTime: "Tomorrow after 14:00" };

describe("the front desk records a repair for the owner (来电接待, 来访接待)", () => {
  it("a repair taken by phone for a resident of the unit flows as one from the bot, recorded with its channel and who took it", async () => {
    const { ctx, memory } = await createFixture();
    const { residents } = await findUnitForIntake(ctx, { staffUserId: "UFRONT1", building: "3", unit: "1202" });

    const repair = await recordRepairForOwner(ctx, { ...phoneCall, caller: { residentId: residents[0]!.id } });

    expect(repair).toMatchObject({ number: "R-2026-000001", status: "new", team: "maintenance", reporterId: residents[0]!.id, reporterUserId: null, details: { intakeChannel: "phone", billing: "warranty" } });
    const events = await ctx.uow.transaction((store) => store.cases.listEvents(repair.id));
    const lily = memory!.snapshot().staff.find((member) => member.staffUserId === "UFRONT1");
    expect(events[0]).toMatchObject({ type: "reported", actor: { type: "staff", id: lily?.id }, data: { channel: "phone" } });
    const outbox = memory!.snapshot().outbox.map((message) => message.payload);
    expect(outbox).toContainEqual({ type: "staff.case-card", team: "maintenance", caseId: repair.id });
    expect(outbox.some((payload) => payload.type === "owner.notice")).toBe(false);
  });

  it("an owner who is on Telegram is told of the repair taken at the counter, and answers its questions there", async () => {
    const { ctx, memory } = await createFixture();
    await verifiedOwner(ctx);
    const { residents } = await findUnitForIntake(ctx, { staffUserId: "UFRONT1", building: "3", unit: "1202" });

    const repair = await recordRepairForOwner(ctx, { ...phoneCall, channel: "counter", caller: { residentId: residents[0]!.id } });

    expect(repair.reporterUserId).toBe("7001");
    const notice = memory!.snapshot().outbox.map((message) => message.payload).filter((payload) => payload.type === "owner.notice").at(-1);
    expect(notice).toMatchObject({ chatId: "7001", key: "repair.received_by_counter", params: { number: repair.number } });
  });

  it("a caller not in the register is added to the unit as vouched for by the front desk", async () => {
    const { ctx } = await createFixture();

    const repair = await recordRepairForOwner(ctx, { ...phoneCall, caller: { name: "李明", phone: "+86 139 0000 0003" } });

    const caller = await ctx.uow.transaction((store) => store.residents.findById(repair.reporterId));
    expect(caller).toMatchObject({ name: "李明", phone: "+8613900000003", source: "front_desk" });
  });

  it("only the front desk takes requests for owners, and an unknown unit is named back", async () => {
    const { ctx } = await createFixture();

    await expect(findUnitForIntake(ctx, { staffUserId: "UMAINT1", building: "3", unit: "1202" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(findUnitForIntake(ctx, { staffUserId: "UFRONT1", building: "9", unit: "0101" })).rejects.toMatchObject({ code: "unit_not_found", params: { building: "9", unit: "0101" } });
    await expect(recordRepairForOwner(ctx, { ...phoneCall, staffUserId: "UMAINT1", caller: { name: "X", phone: "+8613900000003" } })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("the full number is shown to the front desk only, and every showing is in the history", async () => {
    const { ctx } = await createFixture();
    const repair = await recordRepairForOwner(ctx, { ...phoneCall, caller: { name: "李明", phone: "+8613900000003" } });

    expect(await showReporterPhone(ctx, { caseId: repair.id, staffUserId: "UFRONT1" })).toEqual({ name: "李明", phone: "+8613900000003", number: repair.number });
    await expect(showReporterPhone(ctx, { caseId: repair.id, staffUserId: "UMAINT1" })).rejects.toMatchObject({ code: "forbidden" });
    const events = await ctx.uow.transaction((store) => store.cases.listEvents(repair.id));
    expect(events.filter((event) => event.type === "phone_shown")).toEqual([expect.objectContaining({ data: { by: "Lily Chen" } })]);
  });
});
