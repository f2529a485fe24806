import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Case } from "../../src/core/case/case.js";
import { callbackClockRules, callbackPromptEffect } from "../../src/core/case/callback-rules.js";
import { type CallbackOutcomeInput, type CaseKind, defineKind } from "../../src/core/case/kind.js";
import { recordEvent, transitionCase } from "../../src/core/case/machinery/changes.js";
import { openCallback, promptCallback } from "../../src/core/case/machinery/callbacks.js";
import { CaseKindRegistry } from "../../src/core/case/registry.js";
import { defaultWorkingHours } from "../../src/core/domain/working-hours.js";
import type { WorkflowContext } from "../../src/core/ports/workflow-context.js";
import { importStaff } from "../../src/core/use-cases/import-staff.js";
import { recordCallback } from "../../src/core/use-cases/record-callback.js";
import { runDueWork } from "../../src/core/use-cases/run-due-work.js";
import { createMemoryStore, type MemoryStore } from "../../src/testing/memory-store.js";
import { day, hour, ManualTime, staffRows } from "../support/workflow-fixture.js";

type DemoDetails = { urgent: boolean };

/** What the made-up kind's callback policy was asked to do, in order. */
const policyCalls: string[] = [];

/**
 * A kind of request made up in the test, with a callback of its own: one window, its own stop
 * actions, and a policy that ends or reworks the case. The shared machinery must prompt, retry,
 * escalate and record it without knowing its name.
 */
const demoDefinition: CaseKind<DemoDetails> = {
  id: "demo",
  prefix: "D",
  details: z.object({ urgent: z.boolean() }),
  lifecycle: {
    statuses: ["done", "ended", "reworking"],
    initial: "done",
    transitions: { end: { from: ["done"], to: "ended" }, rework: { from: ["done"], to: "reworking" } },
  },
  finalStatuses: ["ended"],
  mayPerform: () => true,
  cardActions: () => [],
  clockRules: callbackClockRules("demo", { done: { source: "test: a callback within 2 days after the job", due: { days: 2 } } }, { stopOn: ["end", "rework"] }),
  dueEffects: { [callbackPromptEffect]: promptCallback },
  ownerActions: {},
  tasks: {},
  callback: {
    urgent: (subject) => subject.details.urgent,
    async satisfied({ store, kind, subject, actor, at, data }: CallbackOutcomeInput<DemoDetails>) {
      policyCalls.push(`satisfied ${subject.number}`);
      return transitionCase(store, kind, subject, { action: "end", event: "callback_recorded", actor, at, data });
    },
    async notSatisfied({ store, kind, subject, actor, at, data }: CallbackOutcomeInput<DemoDetails>) {
      policyCalls.push(`not satisfied ${subject.number}`);
      const back = await transitionCase(store, kind, subject, { action: "rework", event: "callback_recorded", actor, at, data });
      await recordEvent(store, back, { type: "demo_reworked", actor, at });
      return back;
    },
  },
};
const demoKind = defineKind(demoDefinition);

/** The same kind, declared without a callback policy. */
const silentKind = defineKind({
  ...demoDefinition,
  id: "silent",
  prefix: "S",
  clockRules: callbackClockRules("silent", { done: { source: "test: a kind without a policy", due: { days: 2 } } }),
  callback: undefined,
});

const calendar = { timeZone: "Asia/Shanghai", workingHours: defaultWorkingHours };

function aCase(kind: string, at: Date, details: DemoDetails = { urgent: false }): Case<DemoDetails> {
  return {
    id: `${kind}-1`,
    number: `${kind === "demo" ? "D" : "S"}-2026-000001`,
    kind,
    status: "done",
    team: "maintenance",
    unitId: "u-1",
    reporterId: "r-1",
    reporterUserId: null,
    assigneeId: null,
    linkedCaseId: null,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    cancelReason: null,
    version: 1,
    details,
  };
}

/** A finished demo case (by default at 10:00 in Shanghai) with its callback opened, and the property's staff. */
async function arrangeCallback(options: { kind?: typeof demoKind; details?: DemoDetails; at?: string } = {}) {
  const kind = options.kind ?? demoKind;
  const store = createMemoryStore();
  const time = new ManualTime(new Date(options.at ?? "2026-11-30T02:00:00Z"));
  const ctx: WorkflowContext = { uow: store, time, timeZone: calendar.timeZone, kinds: new CaseKindRegistry([demoKind, silentKind]) };
  const staff = await importStaff(ctx, staffRows.map((values, index) => ({ line: index + 2, values })));
  if (!staff.ok) throw new Error(JSON.stringify(staff.problems));
  const subject = aCase(kind.id, time.now(), options.details);
  const callback = await store.transaction(async (s) => {
    await s.cases.create(subject);
    return openCallback(s, kind, subject, time.now(), calendar, `${kind.id}.callback.done`);
  });
  return { store, time, ctx, subject, callback };
}

const prompted = async (ctx: WorkflowContext) => (await runDueWork(ctx)).filter((report) => report.outcome === "callback_prompted").length;
const alerts = (store: MemoryStore) => store.snapshot().outbox.map((row) => row.payload).filter((payload) => payload.type === "staff.alert");
const callbackOf = (ctx: WorkflowContext, id: string) => ctx.uow.transaction((s) => s.callbacks.findById(id));

describe("the callback (回访) is the shared machinery's, for any kind that declares one", () => {
  it("a made-up kind's callback is prompted the next day, retried after no answer, and the third no answer alerts the front desk leader", async () => {
    policyCalls.length = 0;
    const { store, time, ctx, callback } = await arrangeCallback();
    expect(callback.dueAt).toEqual(new Date("2026-12-02T02:00:00Z"));
    const cards = () => store.snapshot().outbox.filter((row) => row.payload.type === "staff.case-prompt" && row.payload.prompt === "callback" && row.payload.subjectId === callback.id);
    expect(cards()).toHaveLength(1);

    time.advance(day - 1);
    expect(await prompted(ctx)).toBe(0);
    time.advance(1);
    expect(await prompted(ctx)).toBe(1);
    expect((await callbackOf(ctx, callback.id))?.status).toBe("prompted");

    await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "no_answer", attempt: 1 });
    time.advance(4 * hour);
    expect(await prompted(ctx)).toBe(1);
    await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "no_answer", attempt: 2 });
    // 18:00 in Shanghai is after the working hours: the third attempt waits for 09:00.
    time.advance(4 * hour);
    expect(await prompted(ctx)).toBe(0);
    time.set("2026-12-02T01:00:00Z");
    expect(await prompted(ctx)).toBe(1);
    const third = await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "no_answer", attempt: 3 });

    expect(third.callback.status).toBe("unreachable");
    expect(alerts(store)).toEqual([
      expect.objectContaining({ team: "frontdesk", key: "alerts.callback_unreachable", params: { number: "D-2026-000001", attempts: 3 }, mentions: ["UFRONTL"] }),
    ]);
    // The leader's hold runs for one working day, then the manager hears of it; the window's own alert does not repeat theirs.
    time.set("2026-12-03T01:00:00Z");
    await runDueWork(ctx);
    expect(alerts(store).map((alert) => [alert.key, alert.team])).toEqual([
      ["alerts.callback_unreachable", "frontdesk"],
      ["alerts.callback_unreachable_overdue", "manager"],
    ]);
    expect(policyCalls).toEqual([]);
    expect(cards().length).toBeGreaterThan(1);
  });

  it("after the last unanswered attempt only the front desk leader records the reached owner, and the kind's policy ends the case", async () => {
    policyCalls.length = 0;
    const { time, ctx, callback, subject } = await arrangeCallback();
    time.advance(day);
    await runDueWork(ctx);
    for (let attempt = 1; attempt <= 3; attempt += 1) await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "no_answer", attempt });

    await expect(recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "satisfied" })).rejects.toMatchObject({ code: "forbidden" });
    const { ticket, callback: recorded } = await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONTL", outcome: "satisfied", attempt: 4 });

    expect(policyCalls).toEqual([`satisfied ${subject.number}`]);
    expect(ticket.status).toBe("ended");
    expect(recorded).toMatchObject({ status: "done", outcome: "satisfied", attempts: 4 });
  });

  it("reached and not satisfied is the kind's to send back; its own stop action ends the callback's clocks", async () => {
    policyCalls.length = 0;
    const { store, time, ctx, callback, subject } = await arrangeCallback();
    time.advance(day);
    await runDueWork(ctx);

    const { ticket } = await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "not_fixed", attempt: 1 });

    expect(policyCalls).toEqual([`not satisfied ${subject.number}`]);
    expect(ticket.status).toBe("reworking");
    expect(store.snapshot().events.map((event) => event.type)).toContain("demo_reworked");
    expect(store.snapshot().clocks.every((clock) => clock.stoppedAt !== null)).toBe(true);
    time.advance(3 * day);
    await runDueWork(ctx);
    expect(alerts(store)).toEqual([]);
  });

  it("an urgent case's prompt reaches the front desk at once in the night; an ordinary one waits for the working hours", async () => {
    const finishedAtNight = "2026-11-30T14:00:00Z"; // 22:00 in Shanghai
    const urgent = await arrangeCallback({ details: { urgent: true }, at: finishedAtNight });
    urgent.time.set("2026-12-01T14:00:00Z");
    expect(await prompted(urgent.ctx)).toBe(1);

    const ordinary = await arrangeCallback({ at: finishedAtNight });
    ordinary.time.set("2026-12-01T14:00:00Z");
    expect(await prompted(ordinary.ctx)).toBe(0);
    ordinary.time.set("2026-12-02T01:00:00Z"); // 09:00 in Shanghai
    expect(await prompted(ordinary.ctx)).toBe(1);
  });

  it("the registry refuses a kind with a callback policy but without the shared callback rules or the prompt's effect", () => {
    expect(() => new CaseKindRegistry([defineKind({ ...demoDefinition, clockRules: {} })])).toThrow(/no clock rule demo\.callback\.prompt/);
    expect(() => new CaseKindRegistry([defineKind({ ...demoDefinition, dueEffects: {} })])).toThrow(/no due effect callback\.prompt/);
  });

  it("a kind that declares no callback policy has its callback recording refused", async () => {
    const { time, ctx, callback } = await arrangeCallback({ kind: silentKind });
    time.advance(day);
    await runDueWork(ctx);

    await expect(recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "satisfied", attempt: 1 })).rejects.toMatchObject({ code: "not_found" });
  });
});
