import { z } from "zod";
import { modalInputs } from "../../interaction-values.js";

/**
 * Ids of the buttons only repairs have. Cards and prompts already posted carry them, so they
 * never change; their `ticket.` prefix is the name those messages know. The callback card's
 * buttons are every kind's (`callbackActionIds`).
 */
export const repairActionIds = {
  schedule: "ticket.schedule",
  start: "ticket.start",
  done: "ticket.done",
  /** Done on a paid repair: opens the items modal instead of completing at once. */
  doneWithItems: "ticket.done_items",
  leakTestPassed: "ticket.leak_test_passed",
  leakTestFailed: "ticket.leak_test_failed",
  confirmByPhone: "ticket.confirm_by_phone",
  correct: "ticket.correct",
} as const;

/** `callback_id`s of the repair's own modals. */
export const repairViewIds = {
  schedule: "ticket.schedule_modal",
  correct: "ticket.correct_modal",
  complete: "ticket.complete_modal",
} as const;

/** `view.state.values` of the Schedule modal; the pickers answer in the property's local time. */
export const ScheduleSubmissionSchema = z.object({
  [modalInputs.date]: z.object({ [modalInputs.date]: z.object({ selected_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }) }),
  [modalInputs.time]: z.object({ [modalInputs.time]: z.object({ selected_time: z.string().regex(/^\d{2}:\d{2}$/) }) }),
});

/** Block and action ids of the correction modal's fields. */
export const correctionInputs = { category: "correction_category", billing: "correction_billing", reason: "correction_reason" } as const;

/** `view.state.values` of the correction modal; the core checks the reason and the values again. */
export const CorrectionSubmissionSchema = z.object({
  [correctionInputs.category]: z.object({ [correctionInputs.category]: z.object({ selected_option: z.object({ value: z.string() }).nullish() }) }),
  [correctionInputs.billing]: z.object({ [correctionInputs.billing]: z.object({ selected_option: z.object({ value: z.string() }).nullish() }) }),
  [correctionInputs.reason]: z.object({ [correctionInputs.reason]: z.object({ value: z.string().nullish() }) }),
});
