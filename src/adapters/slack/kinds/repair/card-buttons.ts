import type { RepairCase } from "../../../../core/kinds/repair/details.js";
import type { RepairAction } from "../../../../core/kinds/repair/lifecycle.js";
import type { CardButton } from "../../blocks/case-card.js";
import { actionIds } from "../../interaction-values.js";
import { repairActionIds } from "./interaction.js";

/**
 * The repair card's buttons by lifecycle action, in no particular order (the lifecycle's
 * `cardActions` orders them). Actions that only an owner or a callback performs
 * (request_other_time, reopen, close, confirm_cancel) have no button; confirm_time has one for
 * an owner who answers on the phone. `correct` is no transition: its modal corrects the
 * category or the billing. Both completions share Done: the core
 * decides whether the repair waits for a leak test.
 */
export const repairCardButtons = {
  claim: { actionId: actionIds.claim, label: "staff:buttons.claim", style: "primary" },
  assign: { actionId: actionIds.assign, label: "staff:buttons.assign" },
  propose_time: { actionId: repairActionIds.schedule, label: "staff:buttons.schedule" },
  // The owner's own Confirm is in the bot; this records an answer given on the phone.
  confirm_time: { actionId: repairActionIds.confirmByPhone, label: "staff:buttons.confirm_by_phone" },
  start: { actionId: repairActionIds.start, label: "staff:buttons.start", style: "primary" },
  complete: { actionId: repairActionIds.done, label: "staff:buttons.done", style: "primary" },
  complete_before_leak_test: { actionId: repairActionIds.done, label: "staff:buttons.done", style: "primary" },
  pass_leak_test: { actionId: repairActionIds.leakTestPassed, label: "staff:buttons.leak_test_passed", style: "primary" },
  fail_leak_test: { actionId: repairActionIds.leakTestFailed, label: "staff:buttons.leak_test_failed", style: "danger" },
  cancel: { actionId: actionIds.cancel, label: "staff:buttons.cancel", style: "danger" },
  // Cancel after work started: the same modal; the core keeps the callback.
  cancel_after_start: { actionId: actionIds.cancel, label: "staff:buttons.cancel", style: "danger" },
  correct: { actionId: repairActionIds.correct, label: "staff:buttons.correct" },
} as const satisfies Partial<Record<RepairAction | "correct", CardButton>>;

/** Done on a paid repair opens the items modal (the maintenance standard's items and quantities) instead of completing at once. */
const doneWithItems = { actionId: repairActionIds.doneWithItems, label: "staff:buttons.done", style: "primary" } as const;
const paidRepairCardButtons = { ...repairCardButtons, complete: doneWithItems, complete_before_leak_test: doneWithItems } as const;

/** The buttons of this repair's card: a paid repair's Done asks for its items. */
export function repairCardButtonsFor(repair: Pick<RepairCase, "details">) {
  return repair.details.billing === "paid" ? paidRepairCardButtons : repairCardButtons;
}
