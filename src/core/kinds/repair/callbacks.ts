import type { CaseKind } from "../../case/kind.js";
import { openCallback, type StaffCalendar } from "../../case/machinery/callbacks.js";
import type { Callback } from "../../domain/callback.js";
import { staffInstant } from "../../domain/working-hours.js";
import type { Store } from "../../ports/store.js";
import { callbackWindowFor, callbackWindows, isUrgentRepair } from "./callback-windows.js";
import type { RepairClockRuleId } from "./clock-rules.js";
import type { RepairCase } from "./details.js";

export type { StaffCalendar };

/** When a prompt or alert computed as `at` may reach staff about this repair. */
export function staffInstantFor(ticket: RepairCase, at: Date, calendar: StaffCalendar): Date {
  return staffInstant(at, isUrgentRepair(ticket.details.category), calendar.workingHours, calendar.timeZone);
}

/**
 * Opens the mandatory callback (回访) of a finished repair, anchored at `anchor` (the completion,
 * the leak test, or a cancellation after work started), in the window its category owes.
 */
export function openRepairCallback(
  store: Store,
  kind: CaseKind,
  ticket: RepairCase,
  anchor: Date,
  calendar: StaffCalendar,
  window: { rule: RepairClockRuleId } = callbackWindowFor(ticket.details.category),
): Promise<Callback> {
  return openCallback(store, kind, ticket, anchor, calendar, window.rule);
}

/** The callback of a repair cancelled after its work started: the owner is asked whether the cancellation is right. */
export function openCancellationCallback(store: Store, kind: CaseKind, ticket: RepairCase, at: Date, calendar: StaffCalendar): Promise<Callback> {
  return openRepairCallback(store, kind, ticket, at, calendar, callbackWindows.cancelled);
}
