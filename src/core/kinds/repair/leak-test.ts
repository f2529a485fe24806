import type { CaseKind } from "../../case/kind.js";
import { startClock } from "../../case/machinery/clocks.js";
import { deadlineAfter } from "../../domain/deadline.js";
import type { Store } from "../../ports/store.js";
import { type StaffCalendar, staffInstantFor } from "./callbacks.js";
import { repairClockRules } from "./clock-rules.js";
import type { RepairCase } from "./details.js";

/**
 * A leak repair is done but its leak test (试漏) is still to come: without the test its 3-day
 * callback never starts, so a test not recorded 2 days after completion alerts the maintenance
 * leader (in working hours). Recording the test, either way, stops the clock.
 */
export async function startLeakTestClock(store: Store, kind: CaseKind, ticket: RepairCase, completedAt: Date, calendar: StaffCalendar): Promise<void> {
  const rule = "repair.leak_test";
  const dueAt = deadlineAfter(completedAt, repairClockRules[rule].due, calendar.timeZone);
  await startClock(store, kind, { caseId: ticket.id, rule, anchor: completedAt, timeZone: calendar.timeZone, dueAt, breachAt: staffInstantFor(ticket, dueAt, calendar) });
}
