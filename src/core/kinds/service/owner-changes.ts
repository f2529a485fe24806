import { canPerform } from "../../case/lifecycle.js";
import { WorkflowError } from "../../domain/errors.js";
import type { ServiceCase } from "./details.js";
import { serviceLifecycle } from "./lifecycle.js";

/**
 * The owner may move or cancel an order until the team is on the way. Once the work started
 * (or is done) the answer is `team_on_the_way`: the front desk, called, can still help.
 */
export function requireNotUnderWay(order: ServiceCase, action: "reschedule" | "cancel"): void {
  if (canPerform(serviceLifecycle, order.status, action)) return;
  if (order.status === "in_progress" || order.status === "done") {
    throw new WorkflowError("team_on_the_way", `${order.number} is ${order.status}: the team is on the way`, { number: order.number });
  }
  throw new WorkflowError("invalid_transition", `${action} is not allowed from ${order.status}`, { number: order.number, action, status: order.status });
}
