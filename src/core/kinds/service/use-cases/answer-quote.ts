import { transitionCase } from "../../../case/machinery/changes.js";
import { type OwnerCaseInput, ownerActor } from "../../../case/machinery/owner-case-action.js";
import { formatFen } from "../../../domain/money.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { ServiceCase } from "../details.js";
import { onPackageAccepted } from "../package/on-package-accepted.js";
import { scheduleText } from "../schedule-text.js";
import { alertServiceTeam, noticeServiceOwner, ownerServiceStep } from "../service-steps.js";

export interface AnswerQuoteInput extends OwnerCaseInput {
  answer: "accepted" | "declined";
}

/**
 * The owner accepts or declines the leader's quote. Accepted, the price is agreed: a one-off
 * then waits for the leader's proposed time; a package is active at once, its quote's weekdays
 * and time confirming its visits. Declined, the order ends and the team is told.
 */
export async function answerQuote(ctx: WorkflowContext, input: AnswerQuoteInput): Promise<ServiceCase> {
  return ownerServiceStep(ctx, input, async ({ store, subject, kind, now }) => {
    const total = subject.details.quoteTotalFen ?? 0;
    if (input.answer === "declined") {
      const declined = await transitionCase(store, kind, subject, { action: "decline_quote", actor: ownerActor(subject), at: now, details: { quoteAnswer: "declined" } });
      await alertServiceTeam(store, declined, now, "alerts.service_quote_declined", { total: formatFen(total) });
      await noticeServiceOwner(store, declined, now, "service.quote_declined");
      return declined;
    }
    const schedule = subject.details.isPackage ? subject.details.packageSchedule : null;
    const accepted = await transitionCase(store, kind, subject, {
      action: schedule ? "accept_package_quote" : "accept_quote",
      actor: ownerActor(subject),
      at: now,
      details: { quoteAnswer: "accepted", agreedFen: total },
      data: { agreedFen: total },
    });
    if (schedule) {
      await onPackageAccepted({ store, kind, order: accepted, now, timeZone: ctx.timeZone });
      await noticeServiceOwner(store, accepted, now, "service.package_active", (locale) => ({ total: formatFen(total), schedule: scheduleText(schedule, locale) }));
    } else {
      await noticeServiceOwner(store, accepted, now, "service.quote_accepted", { total: formatFen(total) });
    }
    await alertServiceTeam(store, accepted, now, "alerts.service_quote_accepted", { total: formatFen(total) });
    return accepted;
  });
}
