import { DateTime } from "luxon";
import { formatFen } from "../domain/money.js";
import type { DurationStats, MonthlyReport } from "./monthly.js";

/** One figure as the CSV and the command line show it: `requests.per_kind`, `repair`, `5`. */
export interface ReportRow {
  section: string;
  key: string;
  value: string;
}

export const reportRowColumns = ["section", "key", "value"] as const;

/** A rate as a percentage with one decimal; no rate (nothing to measure) is an empty value. */
function percent(rate: number | null): string {
  return rate === null ? "" : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** An instant as the property's wall-clock time, `2026-12-04 10:00`. */
function localTime(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat("yyyy-MM-dd HH:mm");
}

function minutes(value: number | null): string {
  return value === null ? "" : String(value);
}

/** Money as yuan with two decimals and no sign, as spreadsheets read it. */
function yuan(fen: number): string {
  return formatFen(fen).replace("¥", "");
}

function durationRows(section: string, kind: string, stats: DurationStats): ReportRow[] {
  return [
    { section, key: `${kind}.count`, value: String(stats.count) },
    { section, key: `${kind}.median_minutes`, value: minutes(stats.medianMinutes) },
    { section, key: `${kind}.p90_minutes`, value: minutes(stats.p90Minutes) },
  ];
}

/**
 * Every figure of the report as (section, key, value) rows, in the report's order: what
 * `report monthly` prints and writes as CSV. Keys are the stored codes (kinds, channels, rules,
 * fee types), so a spreadsheet can filter them whatever the reader's language.
 */
export function monthlyReportRows(report: MonthlyReport): ReportRow[] {
  const rows: ReportRow[] = [
    { section: "month", key: "month", value: report.month },
    { section: "month", key: "time_zone", value: report.timeZone },
    { section: "requests", key: "total", value: String(report.requests.total) },
  ];
  const add = (section: string, key: string, value: string) => rows.push({ section, key, value });
  for (const row of report.requests.perKind) add("requests.per_kind", row.kind, String(row.count));
  for (const row of report.requests.perCategory) add("requests.per_category", `${row.kind}.${row.category}`, String(row.count));
  for (const row of report.requests.perChannel) add("requests.per_channel", row.channel, String(row.count));
  for (const row of report.requests.perKindChannel) add("requests.per_kind_channel", `${row.kind}.${row.channel}`, String(row.count));
  for (const row of report.callbacks.coverage) {
    add("callbacks.coverage", `${row.kind}.finished`, String(row.finished));
    add("callbacks.coverage", `${row.kind}.done`, String(row.done));
    add("callbacks.coverage", `${row.kind}.rate`, percent(row.coverage));
  }
  for (const row of report.callbacks.onTime) {
    add("callbacks.on_time", `${row.rule}.stopped`, String(row.stopped));
    add("callbacks.on_time", `${row.rule}.on_time`, String(row.onTime));
    add("callbacks.on_time", `${row.rule}.rate`, percent(row.rate));
  }
  for (const row of report.durations) {
    rows.push(...durationRows("durations.first_response", row.kind, row.firstResponse), ...durationRows("durations.completion", row.kind, row.completion));
  }
  for (const row of report.complaints.perTier) add("complaints.per_tier", row.tier, String(row.count));
  for (const row of report.complaints.breaches) add("complaints.breaches", row.caseNumber, `${row.rule} ${localTime(row.at, report.timeZone)}`);
  for (const row of report.recurring.categories) {
    add("recurring.categories", `${row.building}.${row.category}`, `${row.count}: ${row.caseNumbers.join(" ")}`);
  }
  for (const row of report.recurring.reopenedUnits) {
    add("recurring.reopened_units", `${row.building}-${row.unit}`, `${row.reopens}: ${row.caseNumbers.join(" ")}`);
  }
  for (const row of report.services) {
    add("services", `${row.serviceType}.orders`, String(row.orders));
    add("services", `${row.serviceType}.work_orders`, String(row.workOrders));
    add("services", `${row.serviceType}.collected_yuan`, yuan(row.collectedFen));
  }
  for (const row of report.fees.collection) {
    add("fees.collection", `${row.feeType}.charges`, String(row.charges));
    add("fees.collection", `${row.feeType}.charged_yuan`, yuan(row.chargedFen));
    add("fees.collection", `${row.feeType}.paid_yuan`, yuan(row.paidFen));
    add("fees.collection", `${row.feeType}.rate`, percent(row.rate));
  }
  for (const row of report.fees.perStage) add("fees.per_stage", row.stage, String(row.households));
  return rows;
}
