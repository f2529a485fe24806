import { z } from "zod";
import { recordEvent, refreshCard, touchCase, transitionCase } from "../../../case/machinery/changes.js";
import { startClock, stopClocks } from "../../../case/machinery/clocks.js";
import { requireCase, requireStaff } from "../../../case/machinery/staff-access.js";
import { deadlineAfter } from "../../../domain/deadline.js";
import { parseInput, WorkflowError } from "../../../domain/errors.js";
import type { Store } from "../../../ports/store.js";
import { type WorkflowContext, workingHoursOf } from "../../../ports/workflow-context.js";
import type { CaseKind } from "../../../case/kind.js";
import { callbackWindowFor, callbackWindows } from "../callback-windows.js";
import { cancelOpenCallbacks } from "../../../case/machinery/callbacks.js";
import { openRepairCallback, type StaffCalendar, staffInstantFor } from "../callbacks.js";
import { repairClockRules } from "../clock-rules.js";
import { BillingSchema, RepairCategorySchema, type RepairCase, type RepairDetails } from "../details.js";
import { startLeakTestClock } from "../leak-test.js";
import { repairFinalStatuses } from "../lifecycle.js";
import { mayCorrectRepair } from "../permissions.js";

export const CorrectRepairInputSchema = z
  .object({
    caseId: z.string(),
    staffUserId: z.string(),
    category: RepairCategorySchema.optional(),
    billing: BillingSchema.optional(),
    reason: z.string().trim().min(2, "a reason is required").max(500),
  })
  .refine((input) => input.category !== undefined || input.billing !== undefined, "nothing to correct");
export type CorrectRepairInput = z.infer<typeof CorrectRepairInputSchema>;

/**
 * Staff correct a repair's category or its warranty/paid decision, each with a reason kept in
 * the history; the billing only until the work is done (its items and acceptance follow from it). A new category may change the callback window (a safety facility is urgent) and
 * whether a leak test is owed: a finished repair that turns out to be a leak waits for its leak
 * test; one waiting for a leak test that is no leak goes to its callback from the completion.
 */
export async function correctRepair(ctx: WorkflowContext, raw: CorrectRepairInput): Promise<RepairCase> {
  const input = parseInput(CorrectRepairInputSchema, raw);
  const now = ctx.time.now();
  const calendar = { timeZone: ctx.timeZone, workingHours: workingHoursOf(ctx) };
  const result = await ctx.uow.transaction(async (store) => {
    const staff = await requireStaff(store, input.staffUserId);
    let ticket = await requireCase<RepairDetails>(store, input.caseId, "repair");
    const kind = ctx.kinds.kindOf(ticket);
    if (!mayCorrectRepair(staff, ticket)) throw new WorkflowError("forbidden", `${staff.staffUserId} may not correct ${ticket.number}`, { number: ticket.number, action: "correct" });
    if ((repairFinalStatuses as readonly string[]).includes(ticket.status)) {
      throw new WorkflowError("invalid_transition", `${ticket.number} is ${ticket.status}`, { number: ticket.number, action: "correct", status: ticket.status });
    }
    const actor = { type: "staff" as const, id: staff.id };
    if (input.billing && input.billing !== ticket.details.billing) {
      // Done records a paid repair's items and the owner accepts them: changed after that, a paid
      // repair would close without its receipt, or a warranty one be charged.
      if (ticket.details.completedAt !== null) {
        throw new WorkflowError("invalid_transition", `${ticket.number} is done: its billing is kept`, { number: ticket.number, action: "correct_billing", status: ticket.status });
      }
      const from = ticket.details.billing;
      ticket = await touchCase(store, ticket, now, { billing: input.billing });
      await recordEvent(store, ticket, { type: "billing_corrected", actor, at: now, data: { from, to: input.billing, reason: input.reason } });
    }
    if (input.category && input.category !== ticket.details.category) {
      ticket = await changeCategory(store, kind, ticket, { category: input.category, reason: input.reason, actor, now, calendar });
    }
    await refreshCard(store, kind, ticket, now);
    return ticket;
  });
  ctx.onOutboxWritten?.();
  return result;
}

async function changeCategory(
  store: Store,
  kind: CaseKind,
  ticket: RepairCase,
  change: { category: RepairCase["details"]["category"]; reason: string; actor: { type: "staff"; id: string }; now: Date; calendar: StaffCalendar },
): Promise<RepairCase> {
  const { now, calendar } = change;
  const data = { from: ticket.details.category, to: change.category, reason: change.reason };
  const before = callbackWindowFor(ticket.details.category);
  const after = callbackWindowFor(change.category);
  const completedAt = ticket.details.completedAt;
  const cancelledAfterStart = ticket.cancelReason !== null;
  if (ticket.status === "leak_test_pending" && after.anchor === "completed" && completedAt) {
    const updated = await transitionCase(store, kind, ticket, { action: "skip_leak_test", event: "category_corrected", actor: change.actor, at: now, details: { category: change.category }, data });
    await openRepairCallback(store, kind, updated, completedAt, calendar);
    return updated;
  }
  if (ticket.status === "awaiting_callback" && !cancelledAfterStart && after.anchor === "leak_test_passed" && !ticket.details.leakTestAt && completedAt) {
    await cancelOpenCallbacks(store, kind, ticket.id, now);
    const updated = await transitionCase(store, kind, ticket, { action: "require_leak_test", event: "category_corrected", actor: change.actor, at: now, details: { category: change.category }, data });
    await startLeakTestClock(store, kind, updated, completedAt, calendar);
    return updated;
  }
  const updated = await touchCase(store, ticket, now, { category: change.category });
  await recordEvent(store, updated, { type: "category_corrected", actor: change.actor, at: now, data });
  if (ticket.status === "awaiting_callback" && !cancelledAfterStart && before.rule !== after.rule) await moveCallbackWindow(store, kind, updated, after.rule, calendar);
  return updated;
}

/** The open callback keeps its attempts; only its deadline follows the new category's window. */
async function moveCallbackWindow(store: Store, kind: CaseKind, ticket: RepairCase, rule: keyof typeof repairClockRules, calendar: StaffCalendar): Promise<void> {
  const callback = await store.callbacks.findOpenByCase(ticket.id);
  const anchor = ticket.details.leakTestAt ?? ticket.details.completedAt;
  if (!callback || !anchor || callback.status === "unreachable") return;
  const windows = Object.values(callbackWindows).map((window) => window.rule).filter((id) => id !== rule);
  await stopClocks(store, ticket.id, ticket.updatedAt, windows);
  const dueAt = deadlineAfter(anchor, repairClockRules[rule].due, calendar.timeZone);
  await startClock(store, kind, { caseId: ticket.id, rule, anchor, timeZone: calendar.timeZone, subject: { type: "callback", id: callback.id }, dueAt, breachAt: staffInstantFor(ticket, dueAt, calendar) });
  await store.callbacks.save({ ...callback, dueAt });
}
