import { WorkflowError } from "./errors.js";
import type { Ticket, TicketStatus } from "./ticket.js";

/**
 * The repair lifecycle as a transition table. A use case names the action it performs; the table
 * says from which statuses it is allowed and where it leads. Nothing else writes `status`.
 */
export const ticketTransitions = {
  claim: { from: ["new"], to: "assigned" },
  assign: { from: ["new", "assigned"], to: "assigned" },
  propose_time: { from: ["assigned", "awaiting_confirmation", "scheduled"], to: "awaiting_confirmation" },
  confirm_time: { from: ["awaiting_confirmation"], to: "scheduled" },
  request_other_time: { from: ["awaiting_confirmation"], to: "assigned" },
  start: { from: ["scheduled"], to: "in_progress" },
  complete: { from: ["in_progress"], to: "awaiting_callback" },
  complete_before_leak_test: { from: ["in_progress"], to: "leak_test_pending" },
  pass_leak_test: { from: ["leak_test_pending"], to: "awaiting_callback" },
  reopen: { from: ["leak_test_pending", "awaiting_callback"], to: "assigned" },
  close: { from: ["awaiting_callback"], to: "closed" },
  cancel: { from: ["new", "assigned", "awaiting_confirmation", "scheduled", "in_progress"], to: "cancelled" },
} as const satisfies Record<string, { from: readonly TicketStatus[]; to: TicketStatus }>;

export type TicketAction = keyof typeof ticketTransitions;

export function canPerform(status: TicketStatus, action: TicketAction): boolean {
  return (ticketTransitions[action].from as readonly TicketStatus[]).includes(status);
}

/** The status `action` leads to, or an `invalid_transition` error naming both. */
export function nextStatus(ticket: Pick<Ticket, "status" | "number">, action: TicketAction): TicketStatus {
  if (!canPerform(ticket.status, action)) {
    throw new WorkflowError("invalid_transition", `${action} is not allowed from ${ticket.status}`, {
      number: ticket.number,
      action,
      status: ticket.status,
    });
  }
  return ticketTransitions[action].to;
}

/** Actions the dispatch card offers for a status, in button order. */
export function availableActions(ticket: Pick<Ticket, "status" | "category">): TicketAction[] {
  return (Object.keys(ticketTransitions) as TicketAction[]).filter((action) => {
    if (action === "complete" && ticket.category === "water_leak") return false;
    if (action === "complete_before_leak_test" && ticket.category !== "water_leak") return false;
    return canPerform(ticket.status, action);
  });
}
