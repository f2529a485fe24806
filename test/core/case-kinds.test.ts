import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Case } from "../../src/core/case/case.js";
import { defineKind, type TaskDefinition } from "../../src/core/case/kind.js";
import { transitionCase } from "../../src/core/case/machinery/changes.js";
import { startClock } from "../../src/core/case/machinery/clocks.js";
import { CaseKindRegistry } from "../../src/core/case/registry.js";
import type { WorkflowContext } from "../../src/core/ports/workflow-context.js";
import { ensureRecurringTasks } from "../../src/core/use-cases/ensure-recurring-tasks.js";
import { runDueWork } from "../../src/core/use-cases/run-due-work.js";
import { productRegistry } from "../../src/core/kinds/index.js";
import { createMemoryStore } from "../../src/testing/memory-store.js";
import { day, ManualTime } from "../support/workflow-fixture.js";

/**
 * A kind of request made up in the test, declared the way a real kind is: the shared machinery
 * must run its ladder, its recurring work and its stop rules without knowing its name.
 */
const arrearsKind = defineKind<{ amountFen: number }>({
  id: "arrears",
  prefix: "A",
  details: z.object({ amountFen: z.number().int() }),
  lifecycle: {
    statuses: ["open", "paid"],
    initial: "open",
    transitions: { pay: { from: ["open"], to: "paid" } },
  },
  finalStatuses: ["paid"],
  mayPerform: () => true,
  cardActions: () => ["pay"],
  clockRules: {
    "arrears.reminder": { source: "test ladder, rung 1", due: { days: 1 }, onDue: "remind", stopOn: ["pay"], escalation: null, then: "arrears.overdue" },
    "arrears.overdue": { source: "test ladder, rung 2", due: { months: 3 }, onDue: "remind", stopOn: ["pay"], escalation: { after: { hours: 1 }, to: { team: "frontdesk", role: "leader" }, alertKey: "alerts.arrears_overdue" } },
  },
  dueEffects: {
    async remind({ clock }) {
      return { outcome: "reminded", detail: clock.rule };
    },
  },
  ownerActions: {},
  tasks: {
    "arrears.weekly": {
      source: "test: a weekly summary",
      next: (after) => new Date(after.getTime() + 7 * day),
      async run({ now }) {
        return { outcome: "summarised", detail: now.toISOString() };
      },
    } satisfies TaskDefinition,
  },
});

async function arrangeArrears() {
  const store = createMemoryStore();
  const time = new ManualTime(new Date("2026-01-31T02:00:00Z"));
  const ctx: WorkflowContext = { uow: store, time, timeZone: "Asia/Shanghai", kinds: new CaseKindRegistry([arrearsKind]) };
  const subject: Case = {
    id: "a-1",
    number: "A-2026-000001",
    kind: "arrears",
    status: "open",
    team: "frontdesk",
    unitId: "u-1",
    reporterId: "r-1",
    reporterUserId: null,
    assigneeId: null,
    linkedCaseId: null,
    createdAt: time.now(),
    updatedAt: time.now(),
    closedAt: null,
    cancelReason: null,
    version: 1,
    details: { amountFen: 12_000 },
  };
  await store.transaction(async (s) => {
    await s.cases.create(subject);
    await startClock(s, arrearsKind, { caseId: subject.id, rule: "arrears.reminder", anchor: time.now(), timeZone: ctx.timeZone });
  });
  return { store, time, ctx, subject };
}

describe("kinds of request are data the shared machinery reads", () => {
  it("a clock that breaches starts the next rung of its ladder, counted in calendar months from the breach", async () => {
    const { store, time, ctx } = await arrangeArrears();
    time.advance(day);
    const reports = await runDueWork(ctx);
    expect(reports.map((r) => r.outcome).sort()).toEqual(["escalated", "reminded"]);
    const clocks = store.snapshot().clocks;
    const overdue = clocks.find((clock) => clock.rule === "arrears.overdue");
    expect(overdue?.dueAt.toISOString()).toBe("2026-05-01T02:00:00.000Z");
    expect(overdue?.breachAt?.toISOString()).toBe("2026-05-01T03:00:00.000Z");
    expect(store.snapshot().events.map((e) => e.type)).toContain("clock_started");
  });

  it("the action a rule names as its stop ends the whole ladder: nothing fires after the payment", async () => {
    const { store, time, ctx, subject } = await arrangeArrears();
    await store.transaction((s) => transitionCase(s, arrearsKind, subject, { action: "pay", actor: { type: "system" }, at: time.now() }));
    time.advance(200 * day);
    const reports = await runDueWork(ctx);
    expect(reports.every((r) => r.outcome === "skipped")).toBe(true);
    expect(store.snapshot().clocks.every((clock) => clock.stoppedAt !== null)).toBe(true);
  });

  it("recurring work of a kind runs when due and queues its next occurrence exactly once, however many instances ensure it", async () => {
    const { store, time, ctx } = await arrangeArrears();
    expect(await ensureRecurringTasks(ctx, [{ task: "arrears.weekly" }])).toBe(1);
    expect(await ensureRecurringTasks(ctx, [{ task: "arrears.weekly" }])).toBe(0);
    time.advance(7 * day);
    const reports = await runDueWork(ctx);
    expect(reports.filter((r) => r.outcome === "summarised")).toHaveLength(1);
    const pending = store.snapshot().jobs.filter((job) => job.status === "pending" && job.payload.type === "task");
    expect(pending.map((job) => job.runAt.toISOString())).toEqual(["2026-02-14T02:00:00.000Z"]);
  });

  it("the registry refuses a kind whose rules or tasks are not named after it, or a ladder to an unknown rule", () => {
    const misnamed = { ...arrearsKind, clockRules: { "fee.reminder": arrearsKind.clockRules["arrears.reminder"]! } };
    expect(() => new CaseKindRegistry([misnamed])).toThrow(/must start with "arrears\."/);
    const dangling = { ...arrearsKind, clockRules: { "arrears.reminder": { ...arrearsKind.clockRules["arrears.reminder"]!, then: "arrears.nowhere" } } };
    expect(() => new CaseKindRegistry([dangling])).toThrow(/unknown rule arrears\.nowhere/);
    expect(() => new CaseKindRegistry([arrearsKind, { ...arrearsKind, id: "other" }])).toThrow(/registered twice/);
  });

  it("the product registers repairs, complaints, services and fees, with the nightly housekeeping and the reports as system tasks", () => {
    const registry = productRegistry();
    expect(registry.list().map((kind) => [kind.id, kind.prefix])).toEqual([["repair", "R"], ["complaint", "C"], ["service", "S"], ["fee", "F"]]);
    expect(registry.task("system.prune")?.next).toBeTypeOf("function");
    expect(registry.task("report.monthly")?.next?.(new Date("2026-12-01T01:00:00Z"), "Asia/Shanghai")).toEqual(new Date("2027-01-01T01:00:00Z"));
    expect(registry.task("report.daily_receipts")?.next?.(new Date("2026-12-01T10:00:00Z"), "Asia/Shanghai")).toEqual(new Date("2026-12-02T10:00:00Z"));
    expect(registry.ownerAction("repair", "fixed.yes")?.code).toBe("fy");
    expect(registry.ownerAction("complaint", "fixed.yes")).toBeNull();
    expect(registry.ownerAction("complaint", "verdict.not_resolved")?.code).toBe("vn");
    expect(registry.ownerAction("service", "quote.accept")?.code).toBe("qa");
  });
});

describe("the nightly housekeeping", () => {
  it("prunes sent messages and finished jobs past the retention and update ids past a day, keeping everything newer or undelivered", async () => {
    const store = createMemoryStore();
    const time = new ManualTime(new Date("2026-11-30T02:00:00Z"));
    const ctx: WorkflowContext = { uow: store, time, timeZone: "Asia/Shanghai", kinds: productRegistry({ days: 30, updateIdHours: 24 }) };
    const card = (caseId: string) => ({ type: "staff.case-card" as const, team: "maintenance" as const, caseId });
    await store.transaction(async (s) => {
      await s.outbox.enqueue({ id: "old-sent", createdAt: new Date(time.now().getTime() - 31 * day), payload: card("c-1") });
      await s.outbox.enqueue({ id: "old-dead", createdAt: new Date(time.now().getTime() - 31 * day), payload: card("c-2") });
      await s.outbox.enqueue({ id: "new-sent", createdAt: new Date(time.now().getTime() - day), payload: card("c-3") });
      await s.inbox.recordOnce("telegram", "1", new Date(time.now().getTime() - 2 * day));
      await s.inbox.recordOnce("telegram", "2", new Date(time.now().getTime() - 3_600_000));
    });
    await store.transaction(async (s) => {
      await s.outbox.markSent("old-sent", "1");
      await s.outbox.markDead("old-dead", "channel_not_found");
      await s.outbox.markSent("new-sent", "2");
    });
    expect(await ensureRecurringTasks(ctx, [{ task: "system.prune" }])).toBe(1);
    // The next 04:00 in Shanghai after 10:00 on 30 November.
    expect(store.snapshot().jobs[0]?.runAt.toISOString()).toBe("2026-11-30T20:00:00.000Z");

    time.set("2026-11-30T20:00:00Z");
    const reports = await runDueWork(ctx);

    expect(reports.map((r) => r.outcome)).toEqual(["pruned"]);
    expect(store.snapshot().outbox.map((m) => m.id)).toEqual(["old-dead", "new-sent"]);
    expect(store.snapshot().inbox).toEqual(["telegram:2"]);
    expect(store.snapshot().jobs.filter((job) => job.status === "pending").map((job) => job.runAt.toISOString())).toEqual(["2026-12-01T20:00:00.000Z"]);
  });
});
