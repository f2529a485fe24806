import type { CallbackPolicy } from "../../case/kind.js";
import { alertTeam, noticeOwner, transitionCase } from "../../case/machinery/changes.js";
import { isUrgentRepair } from "./callback-windows.js";
import { chargeAcceptedRepair } from "./charges.js";
import type { RepairDetails } from "./details.js";

/**
 * What a repair's callback does once the owner is reached. Satisfied closes the repair (or, for
 * one cancelled after its work started, confirms the cancellation); not fixed sends it straight
 * back to its team (整改) with its completion, leak test and appointment cleared for the rework.
 * A safety facility's callback is urgent: its prompts and alerts ignore the working hours.
 * Satisfied is also the acceptance of a paid repair whose owner never answered "Fixed?": its
 * receipt is issued then, so a paid repair never closes without it (and never gets two).
 */
export const repairCallbackPolicy: CallbackPolicy<RepairDetails> = {
  urgent: (ticket) => isUrgentRepair(ticket.details.category),
  async satisfied({ store, kind, subject: ticket, actor, at, data, timeZone }) {
    // A repair cancelled after its work started ends cancelled, once the owner agreed to it.
    const action = ticket.cancelReason !== null ? "confirm_cancel" : "close";
    if (action === "close") await chargeAcceptedRepair(store, ticket, actor, at, timeZone);
    const closed = await transitionCase(store, kind, ticket, { action, event: "callback_recorded", actor, at, header: { closedAt: at }, data });
    await noticeOwner(store, closed, at, action === "close" ? "repair.closed" : "repair.cancellation_confirmed");
    return closed;
  },
  async notSatisfied({ store, kind, subject: ticket, actor, at, data }) {
    const reopened = await transitionCase(store, kind, ticket, {
      action: "reopen",
      event: "callback_recorded",
      actor,
      at,
      header: { cancelReason: null },
      details: { completedAt: null, leakTestAt: null, appointmentAt: null },
      data: { ...data, reason: "callback_not_fixed" },
    });
    await alertTeam(store, { team: ticket.team, key: "alerts.callback_not_fixed", params: { number: ticket.number }, mentions: [], caseId: ticket.id, at });
    await noticeOwner(store, reopened, at, "repair.reopened");
    return reopened;
  },
};
