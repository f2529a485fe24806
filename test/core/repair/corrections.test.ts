import { describe, expect, it } from "vitest";
import { correctRepair } from "../../../src/core/kinds/repair/use-cases/correct-repair.js";
import { createFixture, reportedRepair } from "../../support/workflow-fixture.js";
import { dueAt, finishAt, openCallbackOf } from "./repair-steps.js";

const eventsOf = (ctx: Awaited<ReturnType<typeof createFixture>>["ctx"], caseId: string) => ctx.uow.transaction((store) => store.cases.listEvents(caseId));

describe("staff correct a repair, with a reason in the history", () => {
  it("the warranty/paid decision is corrected with its reason", async () => {
    const { ctx } = await createFixture();
    const ticket = await reportedRepair(ctx);

    const corrected = await correctRepair(ctx, { caseId: ticket.id, staffUserId: "UFRONT1", billing: "paid", reason: "Damage caused by the tenant" });

    expect(corrected.details.billing).toBe("paid");
    expect((await eventsOf(ctx, ticket.id)).at(-1)).toMatchObject({ type: "billing_corrected", data: { from: "warranty", to: "paid", reason: "Damage caused by the tenant" } });
  });

  it("a finished repair found to be a leak waits for its leak test instead of its callback", async () => {
    const { ctx, time } = await createFixture();
    const ticket = await reportedRepair(ctx);
    await finishAt(ctx, time, ticket, "2026-12-01T14:00:00+08:00");
    time.set("2026-12-01T15:00:00+08:00");

    const corrected = await correctRepair(ctx, { caseId: ticket.id, staffUserId: "UMAINTL", category: "water_leak", reason: "The pipe leaks into the flat below" });

    expect(corrected.status).toBe("leak_test_pending");
    expect(await openCallbackOf(ctx, ticket.id)).toBeNull();
    expect(await dueAt(ctx, time, "2026-12-02T14:00:00+08:00")).toEqual([]);
    // The leak test is owed 2 days after the completion, as for any leak.
    expect(await dueAt(ctx, time, "2026-12-03T14:00:00+08:00")).toEqual(["escalated"]);
  });

  it("a repair waiting for a leak test that is no leak goes to its callback, counted from the completion", async () => {
    const { ctx, time } = await createFixture();
    const ticket = await reportedRepair(ctx, { category: "water_leak", description: "Ceiling drips" });
    await finishAt(ctx, time, ticket, "2026-12-01T14:00:00+08:00");
    time.set("2026-12-01T16:00:00+08:00");

    const corrected = await correctRepair(ctx, { caseId: ticket.id, staffUserId: "UFRONT1", category: "plumbing", reason: "Condensation, not a leak" });

    expect(corrected.status).toBe("awaiting_callback");
    expect((await openCallbackOf(ctx, ticket.id))?.dueAt).toEqual(new Date("2026-12-03T14:00:00+08:00"));
    expect(await dueAt(ctx, time, "2026-12-02T14:00:00+08:00")).toEqual(["callback_prompted"]);
  });

  it("an ordinary repair corrected to a safety facility becomes urgent: its alert comes at the window's end, even at night", async () => {
    const { ctx, time } = await createFixture();
    const ticket = await reportedRepair(ctx);
    await finishAt(ctx, time, ticket, "2026-12-01T22:30:00+08:00");
    await correctRepair(ctx, { caseId: ticket.id, staffUserId: "UFRONT1", category: "safety", reason: "It is the gas shut-off valve" });
    await dueAt(ctx, time, "2026-12-03T09:00:00+08:00");

    expect(await dueAt(ctx, time, "2026-12-03T22:29:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-03T22:30:00+08:00")).toEqual(["escalated"]);
  });

  it("a maintenance member may not correct, and a reason is required", async () => {
    const { ctx } = await createFixture();
    const ticket = await reportedRepair(ctx);

    await expect(correctRepair(ctx, { caseId: ticket.id, staffUserId: "UMAINT1", billing: "paid", reason: "Because" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(correctRepair(ctx, { caseId: ticket.id, staffUserId: "UFRONT1", billing: "paid", reason: " " })).rejects.toMatchObject({ code: "invalid_input" });
  });
});
