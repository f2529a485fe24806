import { DateTime } from "luxon";
import type { OwnerButton } from "../../domain/outbox.js";
import { overdueReasons } from "./details.js";

/** The reason buttons' actions, in order (codes r1..r5). */
export const reasonActions = overdueReasons.map((reason) => `reason.${reason}`);

/**
 * The three dates a promise can name, counted from the reminder in the property's zone: in 3
 * days, in 7 days, the month's end; each the last second of that local day, as an ISO instant. A date
 * the others already name is offered once.
 */
export function payByChoices(reminderAt: Date, timeZone: string): string[] {
  const local = DateTime.fromJSDate(reminderAt, { zone: timeZone });
  // Whole seconds: a button carries its instant as epoch seconds.
  const days = [local.plus({ days: 3 }), local.plus({ days: 7 }), local.endOf("month")].map((day) => day.endOf("day").startOf("second").toUTC().toISO() ?? "");
  return [...new Set(days)];
}

/**
 * The buttons under a reminder: Acknowledge, Pay by (three dates), Dispute; once the household
 * is overdue, the reasons it has not paid.
 */
export function reminderButtons(caseId: string, reminderAt: Date, timeZone: string, askReason: boolean): OwnerButton[] {
  const buttons: OwnerButton[] = [
    { kind: "fee", action: "ack", caseId },
    ...payByChoices(reminderAt, timeZone).map((arg) => ({ kind: "fee", action: "pay_by", caseId, arg })),
    { kind: "fee", action: "dispute", caseId },
  ];
  if (askReason) buttons.push(...reasonActions.map((action) => ({ kind: "fee", action, caseId })));
  return buttons;
}
