import { canPerform } from "../../case/lifecycle.js";
import type { FeeCase } from "./details.js";
import { type FeeAction, feeLifecycle } from "./lifecycle.js";

/**
 * The card's buttons: "Sent by express mail" once the letter is out of the printer and not yet
 * posted; "Home visit done" while the visit is due; "Refer to legal" (a manager's) while open.
 */
export function feeCardActions(subject: FeeCase): FeeAction[] {
  const { letterNumber, sentAt, stage, homeVisitAt } = subject.details;
  const offered: FeeAction[] = [];
  if (letterNumber !== null && sentAt === null) offered.push("mark_sent");
  if (stage === "home_visit" && homeVisitAt === null) offered.push("home_visit_done");
  offered.push("refer_to_legal");
  return offered.filter((action) => canPerform(feeLifecycle, subject.status, action));
}
