import { type PackageSchedule, ServiceDetailsSchema, type ServiceDetails } from "../../../core/kinds/service/details.js";
import type { ServiceDetails as ServiceDetailsRow } from "../../../generated/sqlite/client.js";
import { chargeLinesJson, parseChargeLines } from "../charge-lines.js";
import type { DetailsTable } from "./details-table.js";

/** `[1, 3]` is stored as "1,3": readable in SQL and in a report's filter. */
const joinNumbers = (numbers: readonly number[]) => numbers.join(",");

function splitNumbers(text: string, column: string): number[] {
  const numbers = text.split(",").map(Number);
  if (text === "" || numbers.some((n) => !Number.isInteger(n))) throw new Error(`stored ${column} is not a list of numbers: ${text}`);
  return numbers;
}

/** The schedule's three columns; all null without a schedule (weeks of the month also null for every week). */
function scheduleColumns(schedule: PackageSchedule | null) {
  return {
    scheduleWeekdays: schedule ? joinNumbers(schedule.weekdays) : null,
    scheduleTime: schedule ? schedule.time : null,
    scheduleWeeksOfMonth: schedule?.weeksOfMonth ? joinNumbers(schedule.weeksOfMonth) : null,
  };
}

function scheduleOf(row: ServiceDetailsRow): PackageSchedule | null {
  if (row.scheduleWeekdays === null) return null;
  return {
    weekdays: splitNumbers(row.scheduleWeekdays, "service_details.schedule_weekdays"),
    // A schedule without its time fails the details' schema below rather than reading as a default.
    time: row.scheduleTime ?? "",
    weeksOfMonth: row.scheduleWeeksOfMonth === null ? null : splitNumbers(row.scheduleWeeksOfMonth, "service_details.schedule_weeks_of_month"),
  };
}

function columns(raw: unknown) {
  const details: ServiceDetails = ServiceDetailsSchema.parse(raw);
  return {
    serviceType: details.serviceType,
    priceCode: details.priceCode,
    isPackage: details.isPackage,
    onsitePricing: details.onsitePricing,
    areaM2: details.areaM2,
    hours: details.hours,
    specialRequests: details.specialRequests,
    preferredTime: details.preferredTime,
    estimateFen: details.estimateFen,
    siteVisitAt: details.siteVisitAt,
    quoteLines: chargeLinesJson(details.quoteLines),
    quoteTotalFen: details.quoteTotalFen,
    quoteAnswer: details.quoteAnswer,
    agreedFen: details.agreedFen,
    ...scheduleColumns(details.packageSchedule),
    appointmentAt: details.appointmentAt,
    ownerTimeRequest: details.ownerTimeRequest,
    completedAt: details.completedAt,
    acceptedAt: details.acceptedAt,
    problemReport: details.problemReport,
    endedAt: details.endedAt,
    intakeChannel: details.intakeChannel,
  };
}

function toDetails(row: ServiceDetailsRow): ServiceDetails {
  return ServiceDetailsSchema.parse({
    serviceType: row.serviceType,
    priceCode: row.priceCode,
    isPackage: row.isPackage,
    onsitePricing: row.onsitePricing,
    areaM2: row.areaM2,
    hours: row.hours,
    specialRequests: row.specialRequests,
    preferredTime: row.preferredTime,
    estimateFen: row.estimateFen,
    siteVisitAt: row.siteVisitAt,
    quoteLines: parseChargeLines(row.quoteLines, "service_details.quote_lines"),
    quoteTotalFen: row.quoteTotalFen,
    quoteAnswer: row.quoteAnswer,
    agreedFen: row.agreedFen,
    packageSchedule: scheduleOf(row),
    appointmentAt: row.appointmentAt,
    ownerTimeRequest: row.ownerTimeRequest,
    completedAt: row.completedAt,
    acceptedAt: row.acceptedAt,
    problemReport: row.problemReport,
    endedAt: row.endedAt,
    intakeChannel: row.intakeChannel,
  });
}

/**
 * `service_details`: what was booked (service type and price code, indexed for reports), the
 * estimate, quote and agreed price in fen, a package's schedule as three columns, and the
 * instants of the visit, completion, acceptance and end.
 */
export const serviceDetailsTable: DetailsTable = {
  kind: "service",
  reportKeys(raw) {
    const details = ServiceDetailsSchema.parse(raw);
    return { category: details.serviceType, channel: details.intakeChannel, tier: null };
  },
  async create(tx, caseId, details) {
    await tx.serviceDetails.create({ data: { caseId, ...columns(details) } });
  },
  async update(tx, caseId, details) {
    await tx.serviceDetails.update({ where: { caseId }, data: columns(details) });
  },
  async read(tx, caseIds) {
    const rows = await tx.serviceDetails.findMany({ where: { caseId: { in: [...caseIds] } } });
    return new Map(rows.map((row) => [row.caseId, toDetails(row)]));
  },
};
