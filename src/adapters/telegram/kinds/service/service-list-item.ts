import type { Case } from "../../../../core/case/case.js";
import { formatFen } from "../../../../core/domain/money.js";
import type { OwnerButton } from "../../../../core/domain/outbox.js";
import type { ServiceCase } from "../../../../core/kinds/service/details.js";
import { listWorkOrders } from "../../../../core/kinds/service/use-cases/list-work-orders.js";
import type { WorkflowContext } from "../../../../core/ports/workflow-context.js";
import type { Render } from "../../context.js";
import type { MineItem } from "../telegram-kind.js";

/** The buttons /mine offers on an order, in this order, each while the core says it applies. */
const mineActions = ["order.reschedule", "order.cancel", "package.end"] as const;

/** Work orders still to come: confirmed, or their time being agreed again. */
const upcoming: ReadonlySet<string> = new Set(["scheduled", "rescheduling", "proposed"]);

/** A package's next visit after `now`, or null. */
async function nextVisit(workflow: WorkflowContext, caseId: string, now: Date): Promise<Date | null> {
  const orders = await listWorkOrders(workflow, caseId);
  const times = orders.filter((order) => upcoming.has(order.status) && order.scheduledAt > now).map((order) => order.scheduledAt.getTime());
  return times.length === 0 ? null : new Date(Math.min(...times));
}

/** The agreed price, else the standard's estimate, else that it is priced on site; a package's per month. */
function priceLine(order: ServiceCase, t: Render): string {
  const { agreedFen, estimateFen, isPackage } = order.details;
  const perMonth = isPackage ? "_month" : "";
  if (agreedFen !== null) return t(`owner:services.mine.price${perMonth}`, { amount: formatFen(agreedFen) });
  if (estimateFen !== null) return t(`owner:services.mine.estimate${perMonth}`, { amount: formatFen(estimateFen) });
  return t("owner:services.mine.onsite");
}

/** A time line: the confirmed or proposed time of a one-off, the next visit of an active package. */
async function timeLine(order: ServiceCase, t: Render, workflow: WorkflowContext): Promise<string | null> {
  const { appointmentAt } = order.details;
  if (order.status === "scheduled" && appointmentAt) return t("owner:services.mine.confirmed", { at: { instant: appointmentAt.toISOString() } });
  if (order.status === "awaiting_confirmation" && appointmentAt) return t("owner:services.mine.proposed", { at: { instant: appointmentAt.toISOString() } });
  if (order.status !== "active") return null;
  const next = await nextVisit(workflow, order.id, workflow.time.now());
  return next ? t("owner:services.mine.next_visit", { at: { instant: next.toISOString() } }) : null;
}

/**
 * A service order under /mine: the service, its status, its time and price, and Reschedule /
 * Cancel while the team is not on the way (End package while a package is active).
 */
export async function serviceListItem(subject: Case, t: Render, workflow: WorkflowContext): Promise<MineItem> {
  const order = subject as ServiceCase;
  const time = await timeLine(order, t, workflow);
  const buttons: OwnerButton[] = mineActions
    .filter((action) => workflow.kinds.ownerAction("service", action)?.isCurrent(subject, undefined) === true)
    .map((action) => ({ kind: "service", action, caseId: subject.id }));
  return {
    label: t(`owner:services.types.${order.details.serviceType}`),
    status: t(`owner:services.status.${subject.status}`),
    lines: [...(time ? [time] : []), priceLine(order, t)],
    buttons,
  };
}
