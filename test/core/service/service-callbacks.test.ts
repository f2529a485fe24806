import { describe, expect, it } from "vitest";
import type { ServiceCase } from "../../../src/core/kinds/service/details.js";
import { acceptWork } from "../../../src/core/kinds/service/use-cases/accept-work.js";
import { completeService } from "../../../src/core/kinds/service/use-cases/complete-service.js";
import { proposeServiceTime } from "../../../src/core/kinds/service/use-cases/propose-service-time.js";
import { startService } from "../../../src/core/kinds/service/use-cases/start-service.js";
import type { WorkflowContext } from "../../../src/core/ports/workflow-context.js";
import { recordCallback } from "../../../src/core/use-cases/record-callback.js";
import { alertsOf } from "../repair/repair-steps.js";
import { acceptedPackage, tickAt } from "./package-steps.js";
import { booked, createServiceFixture, scheduledAt, workOrdersOf } from "./service-steps.js";

/** A weekly package accepted on 30 November whose first December Monday was worked and accepted, and whose December is closed. */
async function closedDecember() {
  const fixture = await acceptedPackage("2026-11-30T12:00:00+08:00");
  const { ctx, time, order } = fixture;
  await tickAt(ctx, time, "2026-12-01T00:00:00+08:00");
  const visitAt = "2026-12-07T02:00:00.000Z";
  time.set(visitAt);
  await startService(ctx, { caseId: order.id, staffUserId: "UCLEANL", visitAt });
  await completeService(ctx, { caseId: order.id, staffUserId: "UCLEANL", visitAt });
  await acceptWork(ctx, { ownerUserId: "7001", caseId: order.id, visitAt });
  await tickAt(ctx, time, "2027-01-01T00:00:00+08:00");
  time.set("2027-01-02T10:00:00+08:00");
  return fixture;
}

const openCallbackOf = (ctx: WorkflowContext, order: ServiceCase) => ctx.uow.transaction((store) => store.callbacks.findOpenByCase(order.id));
const runningCallbackClocks = async (ctx: WorkflowContext, order: ServiceCase) =>
  (await ctx.uow.transaction((store) => store.clocks.listRunning(order.id))).filter((clock) => clock.rule.startsWith("service.callback."));

describe("a package's month callback", () => {
  it("satisfied: the package keeps running, and the callback's clocks stop so nobody is alerted later", async () => {
    const { ctx, order } = await closedDecember();
    const callback = await openCallbackOf(ctx, order);
    expect(callback).not.toBeNull();
    expect((await runningCallbackClocks(ctx, order)).map((clock) => clock.rule).sort()).toEqual(["service.callback.month", "service.callback.prompt"]);

    const { ticket } = await recordCallback(ctx, { staffUserId: "UFRONT1", callbackId: callback!.id, outcome: "satisfied" });
    expect(ticket.status).toBe("active");
    expect(await runningCallbackClocks(ctx, order)).toEqual([]);
    expect(await openCallbackOf(ctx, order)).toBeNull();
  });

  it("not satisfied: the package keeps running and its team is alerted", async () => {
    const { ctx, memory, order } = await closedDecember();
    const callback = await openCallbackOf(ctx, order);
    const { ticket } = await recordCallback(ctx, { staffUserId: "UFRONT1", callbackId: callback!.id, outcome: "not_fixed" });
    expect(ticket.status).toBe("active");
    expect(alertsOf(memory).at(-1)).toMatchObject({ team: "cleaning", key: "alerts.service_callback_not_satisfied", params: { number: order.number }, mentions: ["UCLEANL"] });
  });
});

describe("a one-off's time proposed again after it was confirmed", () => {
  it("voids the confirmed work order; the owner's confirmation of the new time opens the next one", async () => {
    const { ctx } = await createServiceFixture();
    const order = await booked(ctx, "hourly");
    await scheduledAt(ctx, order, "2026-12-03T14:00:00+08:00");
    const again = await proposeServiceTime(ctx, { caseId: order.id, staffUserId: "UCLEANL", at: new Date("2026-12-04T14:00:00+08:00") });
    expect(again.status).toBe("awaiting_confirmation");
    expect((await workOrdersOf(ctx, order.id)).map((wo) => [wo.number, wo.status])).toEqual([["S-2026-000001-01", "cancelled"]]);
    await expect(startService(ctx, { caseId: order.id, staffUserId: "UCLEANL" })).rejects.toMatchObject({ code: "invalid_transition" });
    await scheduledAt(ctx, order, "2026-12-05T14:00:00+08:00");
    expect((await workOrdersOf(ctx, order.id)).map((wo) => [wo.number, wo.status])).toEqual([
      ["S-2026-000001-01", "cancelled"],
      ["S-2026-000001-02", "scheduled"],
    ]);
  });

  it("confirming again the very time a reschedule voided reopens that work order instead of a second one at the same time", async () => {
    const { ctx } = await createServiceFixture();
    const order = await booked(ctx, "hourly");
    await scheduledAt(ctx, order, "2026-12-03T14:00:00+08:00");
    await proposeServiceTime(ctx, { caseId: order.id, staffUserId: "UCLEANL", at: new Date("2026-12-04T14:00:00+08:00") });
    await scheduledAt(ctx, order, "2026-12-03T14:00:00+08:00");
    expect((await workOrdersOf(ctx, order.id)).map((wo) => [wo.number, wo.status])).toEqual([["S-2026-000001-01", "scheduled"]]);
  });
});
