import type { ViewStateValue } from "@slack/bolt";
import { z } from "zod";
import type { PackageSchedule } from "../../../../core/kinds/service/details.js";
import type { Translate } from "../../blocks/format.js";
import type { ParsedSubmission } from "../../listeners/views/on-submission.js";
import { fromLocalDateTime } from "../../local-time.js";
import { QuantityTextSchema, quoteRows, serviceInputs, weeksChoices } from "./interaction.js";

type Values = Record<string, Record<string, ViewStateValue>>;

/** The parts of an input's state the service modals read; anything else Slack sends is ignored. */
const StateSchema = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullish(),
  selected_time: z.string().regex(/^\d{2}:\d{2}$/).nullish(),
});

function state(values: Values, id: string): z.infer<typeof StateSchema> {
  const parsed = StateSchema.safeParse(values[id]?.[id]);
  return parsed.success ? parsed.data : {};
}

/**
 * The date and time picked, read on the property's clocks, still ahead of `now`; or the field to
 * correct. Staff whose own Slack runs in another zone still pick the property's wall-clock time.
 */
export function readDateTime(values: Values, clock: { timeZone: string; now: Date }, t: Translate): ParsedSubmission<Date> {
  const date = state(values, serviceInputs.date).selected_date;
  const time = state(values, serviceInputs.time).selected_time;
  if (!date) return { ok: false, errors: { [serviceInputs.date]: t("staff:modals.schedule.required") } };
  if (!time) return { ok: false, errors: { [serviceInputs.time]: t("staff:modals.schedule.required") } };
  const at = fromLocalDateTime({ date, time }, clock.timeZone);
  if (at.getTime() <= clock.now.getTime()) return { ok: false, errors: { [serviceInputs.time]: t("staff:modals.schedule.in_past") } };
  return { ok: true, input: at };
}

/** What a Quote submission says: the lines to price from the standard, and a package's schedule. */
export interface QuoteInput {
  lines: { code: string; quantity: number }[];
  schedule?: PackageSchedule;
}

function readSchedule(values: Values, t: Translate): ParsedSubmission<PackageSchedule> {
  const weekdays = (state(values, serviceInputs.weekdays).selected_options ?? []).map((chosen) => Number(chosen.value)).filter((day) => Number.isInteger(day) && day >= 1 && day <= 7);
  if (weekdays.length === 0) return { ok: false, errors: { [serviceInputs.weekdays]: t("staff:service.modals.quote.weekdays_required") } };
  const time = state(values, serviceInputs.visitTime).selected_time;
  if (!time) return { ok: false, errors: { [serviceInputs.visitTime]: t("staff:service.modals.quote.time_required") } };
  const weeks = state(values, serviceInputs.weeks).selected_option?.value;
  const weeksOfMonth = weeks === "first_third" ? [...weeksChoices.first_third] : weeksChoices.every;
  return { ok: true, input: { weekdays: [...new Set(weekdays)].sort((a, b) => a - b), time, weeksOfMonth } };
}

/**
 * Reads a Quote: every row with an item needs a quantity above 0 with at most two decimals, a
 * quantity needs its item, at least one row is filled; a package's modal (it has the weekdays
 * field) needs its days and time. Every wrong field is reported at once. The core prices the
 * lines from the standard, so no price travels through Slack.
 */
export function readQuote(values: Values, t: Translate): ParsedSubmission<QuoteInput> {
  const errors: Record<string, string> = {};
  const lines: QuoteInput["lines"] = [];
  for (let row = 1; row <= quoteRows; row += 1) {
    const code = state(values, serviceInputs.item(row)).selected_option?.value;
    const typed = (state(values, serviceInputs.quantity(row)).value ?? "").trim();
    if (!code && !typed) continue;
    if (!code) {
      errors[serviceInputs.item(row)] = t("staff:service.modals.quote.quantity_without_item");
      continue;
    }
    const quantity = QuantityTextSchema.safeParse(typed);
    if (!quantity.success) errors[serviceInputs.quantity(row)] = t("staff:service.modals.quote.quantity_invalid");
    else lines.push({ code, quantity: quantity.data });
  }
  if (lines.length === 0 && Object.keys(errors).length === 0) errors[serviceInputs.item(1)] = t("staff:service.modals.quote.item_required");
  const schedule = serviceInputs.weekdays in values ? readSchedule(values, t) : null;
  if (schedule && !schedule.ok) Object.assign(errors, schedule.errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { lines, ...(schedule?.ok ? { schedule: schedule.input } : {}) } };
}

/** What a Propose time submission says: the time, and for a package the visit it moves (its scheduled instant, ISO). */
export interface ProposeInput {
  at: Date;
  visitAt?: string;
}

/** Reads Propose time; a package's modal (it has the visit field) must name the visit. */
export function readProposal(values: Values, clock: { timeZone: string; now: Date }, t: Translate): ParsedSubmission<ProposeInput> {
  const visit = serviceInputs.visit in values ? (state(values, serviceInputs.visit).selected_option?.value ?? null) : undefined;
  if (visit === null) return { ok: false, errors: { [serviceInputs.visit]: t("staff:service.modals.propose_time.visit_required") } };
  const at = readDateTime(values, clock, t);
  if (!at.ok) return at;
  return { ok: true, input: { at: at.input, ...(visit ? { visitAt: visit } : {}) } };
}
