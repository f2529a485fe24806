import { describe, expect, it } from "vitest";
import { passLeakTest } from "../../../src/core/kinds/repair/use-cases/pass-leak-test.js";
import { recordCallback } from "../../../src/core/use-cases/record-callback.js";
import { repairClockRules } from "../../../src/core/kinds/repair/clock-rules.js";
import { createFixture, reportedRepair } from "../../support/workflow-fixture.js";
import { alertsOf, dueAt, finishAt, openCallbackOf } from "./repair-steps.js";

describe("callback timing (PROCEDURES.md §1, WORKING_HOURS 09:00-18:00 Shanghai)", () => {
  it("every callback rule says where its number comes from", () => {
    for (const [id, rule] of Object.entries(repairClockRules)) expect(rule.source, id).toMatch(/PROCEDURES\.md §1|front desk practice/);
  });

  it("a completion at 14:00 is prompted the next day at 14:00, not a minute before", async () => {
    const { ctx, time } = await createFixture();
    const ticket = await reportedRepair(ctx);
    await finishAt(ctx, time, ticket, "2026-12-01T14:00:00+08:00");

    expect(await dueAt(ctx, time, "2026-12-02T13:59:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-02T14:00:00+08:00")).toEqual(["callback_prompted"]);
  });

  it("a completion at 22:30 is prompted at 09:00 after the day has passed, and the leader is alerted at the next opening after the window's end", async () => {
    const { ctx, time, memory } = await createFixture();
    const ticket = await reportedRepair(ctx);
    await finishAt(ctx, time, ticket, "2026-12-01T22:30:00+08:00");
    expect((await openCallbackOf(ctx, ticket.id))?.dueAt).toEqual(new Date("2026-12-03T22:30:00+08:00"));

    expect(await dueAt(ctx, time, "2026-12-02T22:30:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-03T08:59:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-03T09:00:00+08:00")).toEqual(["callback_prompted"]);
    // Due at 22:30, but no alert reaches staff in the night.
    expect(await dueAt(ctx, time, "2026-12-03T22:30:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-04T08:59:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-04T09:00:00+08:00")).toEqual(["escalated"]);
    expect(await dueAt(ctx, time, "2026-12-05T09:00:00+08:00")).toEqual([]);
    expect(alertsOf(memory!)).toEqual([expect.objectContaining({ team: "frontdesk", key: "alerts.callback_overdue", mentions: ["UFRONTL"] })]);
  });

  it("a safety facility is urgent: its prompt and its alert come at 22:30, whatever the hour", async () => {
    const { ctx, time, memory } = await createFixture();
    const ticket = await reportedRepair(ctx, { category: "safety", description: "Smoke detector beeps" });
    await finishAt(ctx, time, ticket, "2026-12-01T22:30:00+08:00");

    expect(await dueAt(ctx, time, "2026-12-02T22:29:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-02T22:30:00+08:00")).toEqual(["callback_prompted"]);
    expect(await dueAt(ctx, time, "2026-12-03T22:29:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-03T22:30:00+08:00")).toEqual(["escalated"]);
    expect(alertsOf(memory!)).toHaveLength(1);
  });

  it("a leak's callback is prompted the day after the leak test and due three days after it", async () => {
    const { ctx, time, memory } = await createFixture();
    const ticket = await reportedRepair(ctx, { category: "water_leak", description: "Ceiling drips under the bathroom" });
    await finishAt(ctx, time, ticket, "2026-12-01T14:00:00+08:00");
    time.set("2026-12-02T10:00:00+08:00");
    await passLeakTest(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });
    expect((await openCallbackOf(ctx, ticket.id))?.dueAt).toEqual(new Date("2026-12-05T10:00:00+08:00"));

    expect(await dueAt(ctx, time, "2026-12-03T09:59:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-03T10:00:00+08:00")).toEqual(["callback_prompted"]);
    expect(await dueAt(ctx, time, "2026-12-05T09:59:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-05T10:00:00+08:00")).toEqual(["escalated"]);
    expect(alertsOf(memory!).map((alert) => alert.key)).toEqual(["alerts.callback_overdue"]);
  });

  it("no answer at 15:00 tries again at 09:00 the next morning, since 19:00 is after working hours", async () => {
    const { ctx, time } = await createFixture();
    const ticket = await reportedRepair(ctx);
    await finishAt(ctx, time, ticket, "2026-12-01T14:00:00+08:00");
    await dueAt(ctx, time, "2026-12-02T14:00:00+08:00");
    const callback = (await openCallbackOf(ctx, ticket.id))!;

    time.set("2026-12-02T15:00:00+08:00");
    await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "no_answer", attempt: 1 });
    expect(await dueAt(ctx, time, "2026-12-02T19:00:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-03T08:59:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-03T09:00:00+08:00")).toEqual(["callback_prompted"]);
  });

  it("no answer at 13:00 tries again at 17:00, four hours later within working hours", async () => {
    const { ctx, time } = await createFixture();
    const ticket = await reportedRepair(ctx);
    await finishAt(ctx, time, ticket, "2026-12-01T13:00:00+08:00");
    await dueAt(ctx, time, "2026-12-02T13:00:00+08:00");
    const callback = (await openCallbackOf(ctx, ticket.id))!;

    await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "no_answer", attempt: 1 });
    expect(await dueAt(ctx, time, "2026-12-02T16:59:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-02T17:00:00+08:00")).toEqual(["callback_prompted"]);
  });

  it("a safety facility's retry comes four hours later even after working hours", async () => {
    const { ctx, time } = await createFixture();
    const ticket = await reportedRepair(ctx, { category: "safety", description: "Fire door does not close" });
    await finishAt(ctx, time, ticket, "2026-12-01T16:00:00+08:00");
    await dueAt(ctx, time, "2026-12-02T16:00:00+08:00");
    const callback = (await openCallbackOf(ctx, ticket.id))!;

    await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "no_answer", attempt: 1 });
    expect(await dueAt(ctx, time, "2026-12-02T19:59:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-02T20:00:00+08:00")).toEqual(["callback_prompted"]);
  });

  it("after the third unanswered attempt the leader owns the callback for one working day, then the manager is alerted once", async () => {
    const { ctx, time, memory } = await createFixture();
    const ticket = await reportedRepair(ctx);
    await finishAt(ctx, time, ticket, "2026-12-01T14:00:00+08:00");
    await dueAt(ctx, time, "2026-12-02T14:00:00+08:00");
    const callback = (await openCallbackOf(ctx, ticket.id))!;
    await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "no_answer", attempt: 1 });
    await dueAt(ctx, time, "2026-12-03T09:00:00+08:00");
    await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "no_answer", attempt: 2 });
    await dueAt(ctx, time, "2026-12-03T13:00:00+08:00");
    await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "no_answer", attempt: 3 });

    // The window's end (12-03 14:00) would only repeat the leader's alert: it is theirs now.
    expect(await dueAt(ctx, time, "2026-12-03T14:00:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-04T12:59:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-04T13:00:00+08:00")).toEqual(["escalated"]);
    expect(await dueAt(ctx, time, "2026-12-05T13:00:00+08:00")).toEqual([]);
    expect(alertsOf(memory!).map((alert) => [alert.team, alert.key, alert.mentions])).toEqual([
      ["frontdesk", "alerts.callback_unreachable", ["UFRONTL"]],
      ["manager", "alerts.callback_unreachable_overdue", ["UMANAGR"]],
    ]);
  });

  it("the leader who reaches the owner within the working day stops the manager's alert", async () => {
    const { ctx, time, memory } = await createFixture();
    const ticket = await reportedRepair(ctx);
    await finishAt(ctx, time, ticket, "2026-12-01T14:00:00+08:00");
    await dueAt(ctx, time, "2026-12-02T10:00:00+08:00");
    const callback = (await openCallbackOf(ctx, ticket.id))!;
    time.set("2026-12-02T10:00:00+08:00");
    for (let attempt = 1; attempt <= 3; attempt += 1) await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "no_answer", attempt });

    time.set("2026-12-03T09:59:00+08:00");
    const { ticket: closed } = await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONTL", outcome: "satisfied" });
    expect(closed.status).toBe("closed");
    expect(await dueAt(ctx, time, "2026-12-03T10:00:00+08:00")).toEqual([]);
    expect(alertsOf(memory!).map((alert) => alert.key)).toEqual(["alerts.callback_unreachable"]);
  });
});
