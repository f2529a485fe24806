import { z } from "zod";
import { transitionCase } from "../../../case/machinery/changes.js";
import { chargeLinesText } from "../../../case/machinery/receipts.js";
import type { StaffCaseInput } from "../../../case/machinery/staff-case-action.js";
import { parseInput, WorkflowError } from "../../../domain/errors.js";
import { formatFen } from "../../../domain/money.js";
import { PriceCodeSchema } from "../../../domain/prices.js";
import { type ChargeLine, totalFen } from "../../../domain/receipts.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import { type PackageSchedule, PackageScheduleSchema, type ServiceCase } from "../details.js";
import { chargeLine } from "../estimate.js";
import { quoteButtons } from "../owner-buttons.js";
import { scheduleText } from "../schedule-text.js";
import { noticeServiceOwner, serviceStep, staffActor } from "../service-steps.js";

export const QuoteLinesSchema = z
  .array(z.object({ code: PriceCodeSchema, quantity: z.number().positive().max(10_000) }))
  .min(1, "a quote needs at least one item")
  .max(20);

export interface QuoteServiceInput extends StaffCaseInput {
  /** Items of the team's standard with their quantities (m², hours, visits, months). */
  lines: { code: string; quantity: number }[];
  /** A package's recurring visits; a one-off has none. */
  schedule?: PackageSchedule | null;
}

/**
 * The leader quotes from the team's published standard (报价): each line is the item's price
 * times the quantity, rounded once per line. Where the standard prices on site, the site visit
 * comes first; a package's quote says on which weekdays and at what time its visits are, a
 * one-off's says no such thing (its time is agreed separately). The owner gets the quote with
 * Accept / Decline; quoting again replaces an unanswered or agreed quote.
 */
export async function quoteService(ctx: WorkflowContext, input: QuoteServiceInput): Promise<ServiceCase> {
  const requested = parseInput(QuoteLinesSchema, input.lines);
  const schedule = input.schedule ? parseInput(PackageScheduleSchema, input.schedule) : null;
  return serviceStep(ctx, input, "quote", async (scope) => {
    const { store, subject, kind, now } = scope;
    if (subject.details.onsitePricing && subject.details.siteVisitAt === null) {
      throw new WorkflowError("site_visit_required", `${subject.number} is priced on site: no site visit yet`, { number: subject.number });
    }
    if (subject.details.isPackage && !schedule) throw new WorkflowError("invalid_input", `${subject.number} is a package: its quote needs the visits' weekdays and time`, { reason: "schedule", field: "schedule" });
    if (!subject.details.isPackage && schedule) throw new WorkflowError("invalid_input", `${subject.number} is a one-off: its quote takes no schedule`, { reason: "schedule", field: "schedule" });
    const lines: ChargeLine[] = [];
    for (const { code, quantity } of requested) {
      const item = await store.prices.findByCode(code);
      if (!item || item.team !== subject.team) throw new WorkflowError("invalid_input", `${code} is not in the ${subject.team} standard`, { reason: "code", field: "lines" });
      lines.push(chargeLine(item, quantity));
    }
    const total = totalFen(lines);
    const updated = await transitionCase(store, kind, subject, {
      action: "quote",
      actor: staffActor(scope),
      at: now,
      details: { quoteLines: lines, quoteTotalFen: total, quoteAnswer: null, agreedFen: null, packageSchedule: schedule },
      data: { lines: lines.map(({ code, quantity, amountFen }) => ({ code, quantity, amountFen })), totalFen: total, schedule },
    });
    await noticeServiceOwner(
      store,
      updated,
      now,
      schedule ? "service.quoted_package" : "service.quoted",
      (locale) => ({ lines: chargeLinesText(lines, locale), total: formatFen(total), ...(schedule ? { schedule: scheduleText(schedule, locale) } : {}) }),
      quoteButtons(updated.id),
    );
    return updated;
  });
}
