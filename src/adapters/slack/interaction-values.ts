import { z } from "zod";

/**
 * Ids of the interactive elements every kind's card shares. They outlive deployments (a card
 * posted last week is still clickable), so renaming one orphans the buttons already shown; the
 * `ticket.` prefix is kept for that reason. A kind's own ids live in its folder under `kinds/`.
 */
export const actionIds = {
  claim: "ticket.claim",
  assign: "ticket.assign",
  cancel: "ticket.cancel",
  verificationApprove: "verification.approve",
  verificationReject: "verification.reject",
} as const;

/**
 * Ids of the callback card's buttons, whatever the kind of the case called back. Cards already
 * posted carry them, so they never change (`not_fixed` is the name of "reached, not satisfied").
 */
export const callbackActionIds = {
  satisfied: "callback.satisfied",
  notSatisfied: "callback.not_fixed",
  noAnswer: "callback.no_answer",
  showNumber: "callback.show_number",
} as const;

/** `callback_id`s of the modals every kind shares. */
export const viewIds = {
  assign: "ticket.assign_modal",
  cancel: "ticket.cancel_modal",
  /** A notice without Save: nothing listens for its submission. */
  outdated: "ticket.outdated_modal",
} as const;

/**
 * Block and action ids of modal inputs; Slack reports submitted values under both. Kept in one
 * list for every kind so two modals never read each other's fields by accident.
 */
export const modalInputs = {
  assignee: "assignee",
  date: "date",
  time: "time",
  reason: "reason",
} as const;

/**
 * A case card button, whatever the kind. The version makes a double click (same card, same
 * version) recognisable as a repeat, while the same button on the refreshed card is a new
 * request. The field is `ticketId`, whatever the kind, because cards already posted carry that name.
 */
export const CaseButtonValueSchema = z.object({ ticketId: z.string().min(1), version: z.number().int().positive() });
export type CaseButtonValue = z.infer<typeof CaseButtonValueSchema>;

/** An owner verification card button. */
export const VerificationButtonValueSchema = z.object({ verificationId: z.string().min(1) });
export type VerificationButtonValue = z.infer<typeof VerificationButtonValueSchema>;

/**
 * What a modal carries from the click to its submission: the case (as `ticketId`, the name open
 * modals carry, like card buttons), and the card's channel, where a refusal is explained.
 */
export const ModalMetadataSchema = z.object({ ticketId: z.string().min(1), channel: z.string().min(1) });
export type ModalMetadata = z.infer<typeof ModalMetadataSchema>;

/** `view.state.values` of the Assign modal. */
export const AssignSubmissionSchema = z.object({
  [modalInputs.assignee]: z.object({ [modalInputs.assignee]: z.object({ selected_option: z.object({ value: z.string().min(1) }) }) }),
});

/** `view.state.values` of the Cancel modal (the reason's rules are the core's CancelReasonSchema). */
export const CancelSubmissionSchema = z.object({
  [modalInputs.reason]: z.object({ [modalInputs.reason]: z.object({ value: z.string().nullish() }) }),
});

/**
 * Encodes a button value or modal metadata as JSON (Slack allows 2000 and 3000 characters).
 * Only flat values of strings and numbers: what the listeners' schemas decode again.
 */
export function encodeValue(value: Readonly<Record<string, string | number>>): string {
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

/** A callback card's outcome button: which callback, and which attempt the card stands for. */
export const CallbackButtonValueSchema = z.object({ callbackId: z.string().min(1), attempt: z.number().int().positive() });
export type CallbackButtonValue = z.infer<typeof CallbackButtonValueSchema>;
