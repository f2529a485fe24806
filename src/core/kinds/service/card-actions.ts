import { canPerform } from "../../case/lifecycle.js";
import type { ServiceCase } from "./details.js";
import { type ServiceAction, serviceLifecycle } from "./lifecycle.js";

/** The card's buttons, in order: price it (site visit, quote), dispatch it, time it, do it; a package's visits; cancel. */
const buttonOrder: readonly ServiceAction[] = [
  "schedule_site_visit",
  "quote",
  "claim",
  "assign",
  "propose_time",
  "start",
  "done",
  "propose_visit_time",
  "start_visit",
  "done_visit",
  "end_package",
  "cancel",
];

/**
 * What the team's card offers now. Schedule site visit only where the standard prices on site,
 * and Quote there only after it; Propose time once the price of a one-off is agreed (at once
 * where the standard fixes it); Claim while nobody has it. Everything else as the lifecycle allows.
 */
export function serviceCardActions(order: ServiceCase): ServiceAction[] {
  const { onsitePricing, siteVisitAt, isPackage, agreedFen } = order.details;
  return buttonOrder.filter((action) => {
    if (!canPerform(serviceLifecycle, order.status, action)) return false;
    switch (action) {
      case "schedule_site_visit":
        return onsitePricing;
      case "quote":
        return !onsitePricing || siteVisitAt !== null;
      case "claim":
        return order.assigneeId === null;
      case "propose_time":
        return !isPackage && agreedFen !== null;
      default:
        return true;
    }
  });
}
