import type { types } from "@slack/bolt";
import type { PriceItem } from "../../../../core/domain/prices.js";
import type { WorkOrder } from "../../../../core/domain/work-orders.js";
import type { ServiceCase } from "../../../../core/kinds/service/details.js";
import { context, escapeMrkdwn, type FormatInstant, plain, type Translate, truncate } from "../../blocks/format.js";
import { modalView, subjectSection } from "../../blocks/modals.js";
import { zoneName } from "../../blocks/zone-name.js";
import type { ModalMetadata } from "../../interaction-values.js";
import type { LocalDateTime } from "../../local-time.js";
import { serviceSummary } from "./card.js";
import { quoteRows, serviceInputs, serviceViewIds, weeksChoices, type WeeksChoice } from "./interaction.js";
import { itemName } from "./service-text.js";

type Service = Pick<ServiceCase, "number" | "details">;

/** Where the modal's times are read: the property's zone, named as staff say it. */
export interface ModalClock {
  timeZone: string;
  locale: string;
}

const option = (text: string, value: string): types.PlainTextOption => ({ text: plain(truncate(text, 75)), value });

/** The owner's wish (and what they asked instead), above a time to pick, so staff propose what the owner asked for. */
function wishes(service: Service, t: Translate): types.KnownBlock {
  const { preferredTime, ownerTimeRequest } = service.details;
  const lines = [t("staff:service.modals.owner_wish", { wish: preferredTime || "-" })];
  if (ownerTimeRequest) lines.push(t("staff:service.modals.owner_request", { request: ownerTimeRequest }));
  return context(escapeMrkdwn(lines.join("\n")));
}

function dateTimeInputs(initial: LocalDateTime, clock: ModalClock, labels: { date: string; time: string }, t: Translate): types.KnownBlock[] {
  return [
    { type: "input", block_id: serviceInputs.date, label: plain(labels.date), element: { type: "datepicker", action_id: serviceInputs.date, initial_date: initial.date } },
    {
      type: "input",
      block_id: serviceInputs.time,
      label: plain(t(labels.time, { zone: zoneName(clock.timeZone, t, clock.locale) })),
      element: { type: "timepicker", action_id: serviceInputs.time, initial_time: initial.time, timezone: clock.timeZone },
    },
  ];
}

/** Schedule site visit: when the leader comes to price the work (上门定价), on the property's clocks. */
export function siteVisitModal(input: { service: Service; initial: LocalDateTime; clock: ModalClock; metadata: ModalMetadata }, t: Translate): types.ModalView {
  return modalView(serviceViewIds.siteVisit, t("staff:service.modals.site_visit.title"), input.metadata, [
    subjectSection({ number: input.service.number, summary: serviceSummary(input.service) }),
    wishes(input.service, t),
    ...dateTimeInputs(input.initial, input.clock, { date: t("staff:service.modals.site_visit.date"), time: "staff:service.modals.site_visit.time" }, t),
    context(t("staff:service.modals.site_visit.hint")),
  ], t);
}

/** The quantity a row starts with: what was quoted, else the area or hours booked, else one. */
function initialRows(service: Service, items: readonly PriceItem[]): { code: string; quantity: number }[] {
  const { quoteLines, priceCode, areaM2, hours } = service.details;
  if (quoteLines.length > 0) return quoteLines.slice(0, quoteRows).map((line) => ({ code: line.code, quantity: line.quantity }));
  const booked = items.find((item) => item.code === priceCode);
  if (!booked) return [];
  const quantity = booked.pricingUnit === "m2" ? (areaM2 ?? 1) : booked.pricingUnit === "hour" ? (hours ?? 1) : 1;
  return [{ code: priceCode, quantity }];
}

function quoteRowInputs(row: number, items: readonly PriceItem[], initial: { code: string; quantity: number } | undefined, t: Translate): types.KnownBlock[] {
  const options = items.slice(0, 100).map((item) => option(`${itemName(item, t)} · ${item.code}`, item.code));
  const chosen = options.find((candidate) => candidate.value === initial?.code);
  const unit = items.find((item) => item.code === initial?.code)?.pricingUnit;
  return [
    {
      type: "input",
      block_id: serviceInputs.item(row),
      optional: row > 1,
      label: plain(t("staff:service.modals.quote.item", { row })),
      element: { type: "static_select", action_id: serviceInputs.item(row), placeholder: plain(t("staff:service.modals.quote.item_placeholder")), options, ...(chosen ? { initial_option: chosen } : {}) },
    },
    {
      type: "input",
      block_id: serviceInputs.quantity(row),
      optional: row > 1,
      label: plain(t("staff:service.modals.quote.quantity", { row })),
      element: { type: "plain_text_input", action_id: serviceInputs.quantity(row), max_length: 9, ...(initial ? { initial_value: String(initial.quantity) } : {}) },
      ...(unit ? { hint: plain(t("staff:service.modals.quote.quantity_hint", { unit: t(`staff:service.units.${unit}`) })) } : {}),
    },
  ];
}

function packageInputs(service: Service, clock: ModalClock, t: Translate): types.KnownBlock[] {
  const schedule = service.details.packageSchedule;
  const days = [1, 2, 3, 4, 5, 6, 7].map((day) => option(t(`staff:service.weekdays.${day}`), String(day)));
  const chosenDays = days.filter((day) => schedule?.weekdays.includes(Number(day.value)));
  const weeks = (Object.keys(weeksChoices) as WeeksChoice[]).map((choice) => option(t(`staff:service.modals.quote.weeks_${choice}`), choice));
  const chosenWeeks = weeks[schedule?.weeksOfMonth ? 1 : 0];
  return [
    {
      type: "input",
      block_id: serviceInputs.weekdays,
      label: plain(t("staff:service.modals.quote.weekdays")),
      element: { type: "multi_static_select", action_id: serviceInputs.weekdays, placeholder: plain(t("staff:service.modals.quote.weekdays_placeholder")), options: days, ...(chosenDays.length > 0 ? { initial_options: chosenDays } : {}) },
    },
    {
      type: "input",
      block_id: serviceInputs.visitTime,
      label: plain(t("staff:service.modals.quote.time", { zone: zoneName(clock.timeZone, t, clock.locale) })),
      element: { type: "timepicker", action_id: serviceInputs.visitTime, initial_time: schedule?.time ?? "09:00", timezone: clock.timeZone },
    },
    {
      type: "input",
      block_id: serviceInputs.weeks,
      label: plain(t("staff:service.modals.quote.weeks")),
      element: { type: "static_select", action_id: serviceInputs.weeks, options: weeks, ...(chosenWeeks ? { initial_option: chosenWeeks } : {}) },
    },
  ];
}

/**
 * Quote: up to five rows of an item of the team's standard and its quantity (two decimals), the
 * first prefilled with the item booked and its area or hours; for a package, the weekdays, time
 * and weeks of its visits, which the owner's Accept confirms. The owner gets the lines and total.
 */
export function quoteModal(input: { service: Service; items: readonly PriceItem[]; clock: ModalClock; metadata: ModalMetadata }, t: Translate): types.ModalView {
  const initial = initialRows(input.service, input.items);
  const rows = Array.from({ length: quoteRows }, (_, index) => quoteRowInputs(index + 1, input.items, initial[index], t)).flat();
  return modalView(serviceViewIds.quote, t("staff:service.modals.quote.title"), input.metadata, [
    subjectSection({ number: input.service.number, summary: serviceSummary(input.service) }),
    ...rows,
    ...(input.service.details.isPackage ? packageInputs(input.service, input.clock, t) : []),
    context(t("staff:service.modals.quote.hint")),
  ], t);
}

/**
 * Propose time: a date and a time for the owner to confirm; for a package, first which visit
 * to move, among those the owner asked to move (`rescheduling`), shown by number and time.
 */
export function proposeTimeModal(
  input: { service: Service; visits: readonly WorkOrder[]; initial: LocalDateTime; clock: ModalClock; metadata: ModalMetadata; formatInstant: FormatInstant },
  t: Translate,
): types.ModalView {
  const blocks: types.KnownBlock[] = [subjectSection({ number: input.service.number, summary: serviceSummary(input.service) }), wishes(input.service, t)];
  if (input.service.details.isPackage) {
    const options = input.visits.slice(0, 100).map((visit) => {
      const wish = visit.ownerTimeRequest ? ` · ${visit.ownerTimeRequest}` : "";
      return option(`${t("staff:service.modals.propose_time.visit_option", { number: visit.number, at: input.formatInstant(visit.scheduledAt) })}${wish}`, visit.scheduledAt.toISOString());
    });
    blocks.push({
      type: "input",
      block_id: serviceInputs.visit,
      label: plain(t("staff:service.modals.propose_time.visit")),
      element: { type: "static_select", action_id: serviceInputs.visit, placeholder: plain(t("staff:service.modals.propose_time.visit_placeholder")), options, ...(options[0] ? { initial_option: options[0] } : {}) },
    });
  }
  blocks.push(...dateTimeInputs(input.initial, input.clock, { date: t("staff:modals.schedule.date"), time: "staff:modals.schedule.time" }, t), context(t("staff:service.modals.propose_time.hint")));
  return modalView(serviceViewIds.proposeTime, t("staff:service.modals.propose_time.title"), input.metadata, blocks, t);
}
