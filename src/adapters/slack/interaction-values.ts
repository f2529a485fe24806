import { z } from "zod";

/**
 * Ids of every interactive element the adapter puts in Slack. They outlive deployments (a card
 * posted last week is still clickable), so renaming one orphans the buttons already shown.
 */
export const actionIds = {
  claim: "ticket.claim",
  assign: "ticket.assign",
  schedule: "ticket.schedule",
  start: "ticket.start",
  done: "ticket.done",
  leakTestPassed: "ticket.leak_test_passed",
  cancel: "ticket.cancel",
  callbackSatisfied: "callback.satisfied",
  callbackNotFixed: "callback.not_fixed",
  callbackNoAnswer: "callback.no_answer",
  verificationApprove: "verification.approve",
  verificationReject: "verification.reject",
} as const;

/** `callback_id`s of the modals. */
export const viewIds = {
  assign: "ticket.assign_modal",
  schedule: "ticket.schedule_modal",
  cancel: "ticket.cancel_modal",
} as const;

/** Block and action ids of modal inputs; Slack reports submitted values under both. */
export const modalInputs = {
  assignee: "assignee",
  date: "date",
  time: "time",
  reason: "reason",
} as const;

/**
 * A dispatch card button. The ticket version makes a double click (same card, same version)
 * recognisable as a repeat, while the same button on the refreshed card is a new request.
 */
export const TicketButtonValueSchema = z.object({ ticketId: z.string().min(1), version: z.number().int().positive() });
export type TicketButtonValue = z.infer<typeof TicketButtonValueSchema>;

/** A callback prompt button: which callback, and which attempt the prompt stands for. */
export const CallbackButtonValueSchema = z.object({ callbackId: z.string().min(1), attempt: z.number().int().positive() });
export type CallbackButtonValue = z.infer<typeof CallbackButtonValueSchema>;

/** An owner verification card button. */
export const VerificationButtonValueSchema = z.object({ verificationId: z.string().min(1) });
export type VerificationButtonValue = z.infer<typeof VerificationButtonValueSchema>;

/** What a modal carries from the click to its submission: the ticket, and where to answer. */
export const ModalMetadataSchema = z.object({ ticketId: z.string().min(1), channel: z.string().min(1) });
export type ModalMetadata = z.infer<typeof ModalMetadataSchema>;

/** `view.state.values` of the Assign modal. */
export const AssignSubmissionSchema = z.object({
  [modalInputs.assignee]: z.object({ [modalInputs.assignee]: z.object({ selected_option: z.object({ value: z.string().min(1) }) }) }),
});

/** `view.state.values` of the Schedule modal; the pickers answer in the property's local time. */
export const ScheduleSubmissionSchema = z.object({
  [modalInputs.date]: z.object({ [modalInputs.date]: z.object({ selected_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }) }),
  [modalInputs.time]: z.object({ [modalInputs.time]: z.object({ selected_time: z.string().regex(/^\d{2}:\d{2}$/) }) }),
});

/** `view.state.values` of the Cancel modal (the reason's rules are the core's CancelReasonSchema). */
export const CancelSubmissionSchema = z.object({
  [modalInputs.reason]: z.object({ [modalInputs.reason]: z.object({ value: z.string().nullish() }) }),
});

/** Encodes a button value or modal metadata as JSON (Slack allows 2000 and 3000 characters). */
export function encodeValue(value: TicketButtonValue | CallbackButtonValue | VerificationButtonValue | ModalMetadata): string {
  return JSON.stringify(value);
}

/**
 * Parses a button value or private metadata. Anything that does not decode (a button from an
 * older release, a forged payload) is `null`, which listeners treat as an expired button.
 */
export function decodeValue<T>(schema: z.ZodType<T>, raw: string | undefined | null): T | null {
  if (!raw) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
