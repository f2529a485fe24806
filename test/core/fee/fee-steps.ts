import type { Charge, FeeType } from "../../../src/core/domain/fees.js";
import type { OutboxPayload } from "../../../src/core/domain/outbox.js";
import type { FeeCase } from "../../../src/core/kinds/fee/details.js";
import { householdFeeCase } from "../../../src/core/kinds/fee/household.js";
import { reminderRunTask } from "../../../src/core/kinds/fee/reminder-run.js";
import { weekSummaryTask } from "../../../src/core/kinds/fee/use-cases/ladder-summary.js";
import type { UnitOfWork } from "../../../src/core/ports/store.js";
import { newId, type WorkflowContext } from "../../../src/core/ports/workflow-context.js";
import { ensureRecurringTasks } from "../../../src/core/use-cases/ensure-recurring-tasks.js";
import { runDueWork } from "../../../src/core/use-cases/run-due-work.js";
import type { MemoryStore } from "../../../src/testing/memory-store.js";
import { createFixture, type ManualTime, unitRow, verifiedOwner } from "../../support/workflow-fixture.js";

/**
 * Two households of building 3 with the daily reminder run and the weekly summary queued as at
 * start-up: 1202 (王芳, on the bot as 7001) and 1203 (李雷, no identity: the call list's).
 */
export async function createFeeFixture(at: string, options: { store?: UnitOfWork } = {}) {
  const fixture = await createFixture({ at, ...options, units: [unitRow(), unitRow({ unit: "1203", owner_name: "李雷", phone: "+8613800000002" })] });
  await verifiedOwner(fixture.ctx);
  await ensureRecurringTasks(fixture.ctx, [{ task: reminderRunTask }, { task: weekSummaryTask }]);
  const units = await fixture.ctx.uow.transaction(async (store) => [await store.units.findByAddress("3", "1202"), await store.units.findByAddress("3", "1203")]);
  return { ...fixture, memory: fixture.memory as MemoryStore, unitA: units[0]!.id, unitB: units[1]!.id };
}

export interface ChargeInput {
  feeType?: FeeType;
  period: string;
  amountFen: number;
  dueDate: string;
}

/** The finance clerk's charges for a unit, as the import records them. */
export async function addCharges(ctx: WorkflowContext, unitId: string, charges: readonly ChargeInput[]): Promise<Charge[]> {
  const now = ctx.time.now();
  const rows: Charge[] = charges.map((input) => ({
    id: newId(),
    unitId,
    feeType: input.feeType ?? "property",
    period: input.period,
    amountFen: input.amountFen,
    dueDate: input.dueDate,
    paidFen: 0,
    promisedBy: null,
    disputeCaseId: null,
    createdAt: now,
    updatedAt: now,
  }));
  const saved = await ctx.uow.transaction((store) => store.charges.upsertMany(rows));
  return saved.map((row) => row.charge);
}

/** The clock at 10:00 local of `date`, and everything due then run, as `tick --at` does. */
export async function runOn(ctx: WorkflowContext, time: ManualTime, date: string) {
  time.set(`${date}T10:00:00+08:00`);
  return runDueWork(ctx);
}

export function payloadsOf<T extends OutboxPayload["type"]>(memory: MemoryStore, type: T): Extract<OutboxPayload, { type: T }>[] {
  return memory.snapshot().outbox.map((message) => message.payload).filter((payload): payload is Extract<OutboxPayload, { type: T }> => payload.type === type);
}

/** The fee reminders the owners were sent, oldest first. */
export const reminders = (memory: MemoryStore) => payloadsOf(memory, "owner.notice").filter((notice) => notice.key.startsWith("fee.reminder."));

export const feeCaseOf = (ctx: WorkflowContext, unitId: string): Promise<FeeCase | null> => ctx.uow.transaction((store) => householdFeeCase(store, unitId));

/** Each local date from `from` to `to`, inclusive. */
export function datesFrom(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let at = new Date(`${from}T00:00:00Z`); at <= new Date(`${to}T00:00:00Z`); at = new Date(at.getTime() + 86_400_000)) dates.push(at.toISOString().slice(0, 10));
  return dates;
}

/** Runs the daily reminder on each date, returning the reminders' keys by the date they went. */
export async function runDaily(ctx: WorkflowContext, time: ManualTime, memory: MemoryStore, from: string, to: string): Promise<Record<string, string>> {
  const sent: Record<string, string> = {};
  for (const date of datesFrom(from, to)) {
    const before = reminders(memory).length;
    await runOn(ctx, time, date);
    const after = reminders(memory);
    if (after.length > before) sent[date] = after.slice(before).map((notice) => notice.key).join(" ");
  }
  return sent;
}
