import type { types } from "@slack/bolt";
import type { WorkOrder } from "../../../../core/domain/work-orders.js";
import type { ServiceAction } from "../../../../core/kinds/service/lifecycle.js";
import { type CardButton, caseActionButtons } from "../../blocks/case-card.js";
import { button, plain, type Translate, truncate } from "../../blocks/format.js";
import { actionIds, encodeValue } from "../../interaction-values.js";
import { serviceActionIds } from "./interaction.js";
import type { ServiceView } from "./service-text.js";

/**
 * The service card's buttons by lifecycle action (the core's `cardActions` decides which show,
 * and in which order). Actions only the owner or a clock performs (accept_quote, confirm_time,
 * accept_work, close, rework...) have none; the package's visit buttons are drawn per visit.
 */
export const serviceCardButtons = {
  claim: { actionId: actionIds.claim, label: "staff:buttons.claim", style: "primary" },
  schedule_site_visit: { actionId: serviceActionIds.scheduleSiteVisit, label: "staff:service.buttons.schedule_site_visit", style: "primary" },
  quote: { actionId: serviceActionIds.quote, label: "staff:service.buttons.quote" },
  assign: { actionId: actionIds.assign, label: "staff:buttons.assign" },
  propose_time: { actionId: serviceActionIds.proposeTime, label: "staff:service.buttons.propose_time" },
  // The same modal, which for a package first asks which of the visits waiting for a new time to move.
  propose_visit_time: { actionId: serviceActionIds.proposeVisitTime, label: "staff:service.buttons.propose_time" },
  start: { actionId: serviceActionIds.start, label: "staff:service.buttons.start", style: "primary" },
  done: { actionId: serviceActionIds.done, label: "staff:service.buttons.done", style: "primary" },
  end_package: { actionId: serviceActionIds.endPackage, label: "staff:service.buttons.end_package", style: "danger" },
  cancel: { actionId: actionIds.cancel, label: "staff:buttons.cancel", style: "danger" },
} as const satisfies Partial<Record<ServiceAction, CardButton>>;

const byTime = (a: WorkOrder, b: WorkOrder) => a.scheduledAt.getTime() - b.scheduledAt.getTime();

/** The visit a package's Start visit names (the soonest confirmed one), or Done visit names (the soonest in progress). */
export function nextVisit(workOrders: readonly WorkOrder[], action: "start_visit" | "done_visit"): WorkOrder | null {
  const status = action === "start_visit" ? "scheduled" : "in_progress";
  return [...workOrders].filter((order) => order.status === status).sort(byTime)[0] ?? null;
}

function endPackageConfirm(view: ServiceView, t: Translate): types.ConfirmationDialog {
  return {
    title: plain(truncate(t("staff:service.buttons.end_package"), 100)),
    text: plain(truncate(t("staff:service.end_package_confirm", { number: view.subject.number }), 300)),
    confirm: plain(truncate(t("staff:service.buttons.end_package"), 30)),
    deny: plain(truncate(t("staff:modals.close"), 30)),
    style: "danger",
  };
}

const visitButtons = {
  start_visit: { actionId: serviceActionIds.startVisit, label: "staff:service.buttons.start_visit" },
  done_visit: { actionId: serviceActionIds.doneVisit, label: "staff:service.buttons.done_visit" },
} as const;

/**
 * The buttons the lifecycle allows now, in its order. Start visit and Done visit name their
 * visit and carry its instant, so a click acts on the visit the leader read; without such a
 * visit (none confirmed, none in progress) the button is not drawn.
 */
export function serviceButtons(view: ServiceView, t: Translate): types.Button[] {
  return view.actions.flatMap((action): types.Button[] => {
    if (action === "start_visit" || action === "done_visit") {
      const visit = nextVisit(view.workOrders ?? [], action);
      if (!visit) return [];
      const spec = visitButtons[action];
      const value = encodeValue({ ticketId: view.subject.id, version: view.subject.version, visitAt: visit.scheduledAt.toISOString() });
      return [button(spec.actionId, t(spec.label, { visit: visit.number }), value, "primary")];
    }
    const buttons = caseActionButtons({ subject: view.subject, actions: [action] }, serviceCardButtons, t);
    // Ending a package cancels every visit not begun: one careless click must not do that.
    return action === "end_package" ? buttons.map((shown) => ({ ...shown, confirm: endPackageConfirm(view, t) })) : buttons;
  });
}
