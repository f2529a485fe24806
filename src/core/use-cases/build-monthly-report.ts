import { DateTime } from "luxon";
import { callbackRuleIds } from "../case/callback-rules.js";
import type { CaseKindRegistry } from "../case/registry.js";
import { WorkflowError } from "../domain/errors.js";
import { feeTypes } from "../domain/fees.js";
import { ComplaintSubjectSchema, ComplaintTierSchema } from "../kinds/complaint/details.js";
import { feeStages } from "../kinds/fee/details.js";
import { RepairCategorySchema } from "../kinds/repair/details.js";
import { serviceTypes } from "../kinds/service/details.js";
import type { CategoryKeys, DurationRow, ReportQueries, ReportWindow } from "../ports/reports.js";
import {
  recurringThresholds,
  reportChannels,
  reportKinds,
  type DurationStats,
  type MonthlyReport,
  type ReportKind,
} from "../reports/monthly.js";

/** What the report needs: the aggregates, the property's zone and the kinds (for their callback rules). */
export interface MonthlyReportContext {
  reports: ReportQueries;
  timeZone: string;
  kinds: CaseKindRegistry;
}

/** What a case's report category and channel can be: the closed sets of the kinds' details. */
export const reportCategoryKeys: CategoryKeys = {
  categories: [...RepairCategorySchema.options, ...ComplaintSubjectSchema.options, ...serviceTypes],
  channels: reportChannels,
};

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * The month `YYYY-MM` as instants of the property's zone: local midnight of the 1st to local
 * midnight of the next 1st, so a case at 23:30 on the last day belongs to the month.
 */
export function reportWindow(month: string, timeZone: string): ReportWindow {
  const match = monthPattern.exec(month);
  if (!match) throw new WorkflowError("invalid_input", `month must be YYYY-MM, got ${month}`);
  const start = DateTime.fromObject({ year: Number(match[1]), month: Number(match[2]), day: 1 }, { zone: timeZone });
  if (!start.isValid) throw new WorkflowError("invalid_input", `unknown time zone ${timeZone}`);
  const end = start.plus({ months: 1 });
  return { period: month, from: start.toJSDate(), to: end.toJSDate(), fromDate: start.toISODate() as string, toDate: end.toISODate() as string };
}

/** The month before the one `at` falls in, locally: what the report of the 1st covers. */
export function previousMonth(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).startOf("month").minus({ months: 1 }).toFormat("yyyy-MM");
}

/** The callback deadline rules of every kind: the windows, not the prompts, retries or the leader's hold. */
function callbackWindowRules(kinds: CaseKindRegistry): string[] {
  const helpers = new Set(["prompt", "retry", "unreachable"]);
  return kinds.list().flatMap((kind) => callbackRuleIds(kind).filter((id) => !helpers.has(id.slice(`${kind.id}.callback.`.length))));
}

/** The figures of issue 13 for `month` (`YYYY-MM`), each read through one aggregate. */
export async function buildMonthlyReport(ctx: MonthlyReportContext, month: string): Promise<MonthlyReport> {
  const window = reportWindow(month, ctx.timeZone);
  const q = ctx.reports;
  const rules = callbackWindowRules(ctx.kinds);
  const [perKind, perCategoryAndChannel, coverage, onTime, firstResponse, completion, tiers, breaches, categories, reopened, orders, visits, collected, fees, stages] =
    await Promise.all([
      q.requestsPerKind(window),
      q.requestsPerCategoryAndChannel(window, reportCategoryKeys),
      q.callbackCoverage(window),
      q.clocksOnTime(window, rules),
      q.firstResponse(window),
      q.completion(window),
      q.complaintsPerTier(window),
      q.complaintBreaches(window),
      q.recurringCategories(window, recurringThresholds.sameCategoryInBuilding),
      q.reopenedUnits(window, recurringThresholds.reopensOfUnit),
      q.serviceOrders(window),
      q.workOrders(window),
      q.serviceCollected(window),
      q.feeCollection(window),
      q.householdsPerStage(window),
    ]);

  const perCategory = sumBy(perCategoryAndChannel, (row) => `${row.kind}\u0000${row.category}`).map(({ row, count }) => ({ kind: row.kind, category: row.category, count }));
  const perChannel = perCategoryAndChannel;
  const caseKinds = reportKinds.filter((kind): kind is Exclude<ReportKind, "fee"> => kind !== "fee");
  const kindCounts = reportKinds.map((kind) => ({ kind, count: countOf(perKind, (row) => row.kind === kind) }));
  return {
    month,
    timeZone: ctx.timeZone,
    from: window.from,
    to: window.to,
    requests: {
      total: kindCounts.reduce((sum, row) => sum + row.count, 0),
      perKind: kindCounts,
      perCategory: caseKinds.flatMap((kind) =>
          perCategory
            .filter((row) => row.kind === kind)
            .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category))
            .map((row) => ({ kind, category: row.category, count: row.count })),
        ),
      perChannel: reportChannels.map((channel) => ({ channel, count: countOf(perChannel, (row) => row.channel === channel) })),
      perKindChannel: caseKinds.flatMap((kind) =>
        reportChannels.map((channel) => ({ kind, channel, count: countOf(perChannel, (row) => row.kind === kind && row.channel === channel) })),
      ),
    },
    callbacks: {
      coverage: reportKinds.map((kind) => {
        const row = coverage.find((found) => found.kind === kind);
        const finished = row?.finished ?? 0;
        const done = row?.done ?? 0;
        return { kind, finished, done, coverage: ratio(done, finished) };
      }),
      onTime: rules.map((rule) => {
        const row = onTime.find((found) => found.rule === rule);
        const stopped = row?.stopped ?? 0;
        const inTime = row?.onTime ?? 0;
        return { rule, stopped, onTime: inTime, rate: ratio(inTime, stopped) };
      }),
    },
    durations: reportKinds.map((kind) => ({
      kind,
      firstResponse: statsOf(firstResponse.find((row) => row.kind === kind)),
      completion: statsOf(completion.find((row) => row.kind === kind)),
    })),
    complaints: {
      perTier: [...ComplaintTierSchema.options, "unclassified" as const].map((tier) => ({
        tier,
        count: countOf(tiers, (row) => (row.tier ?? "unclassified") === tier),
      })),
      breaches,
    },
    recurring: { categories, reopenedUnits: reopened },
    services: serviceTypes.map((serviceType) => ({
      serviceType,
      orders: countOf(orders, (row) => row.serviceType === serviceType),
      workOrders: countOf(visits, (row) => row.serviceType === serviceType),
      collectedFen: collected.find((row) => row.serviceType === serviceType)?.fen ?? 0,
    })),
    fees: {
      collection: feeTypes.map((feeType) => {
        const row = fees.find((found) => found.feeType === feeType);
        const chargedFen = row?.chargedFen ?? 0;
        const paidFen = row?.paidFen ?? 0;
        return { feeType, charges: row?.charges ?? 0, chargedFen, paidFen, rate: ratio(paidFen, chargedFen) };
      }),
      perStage: feeStages.map((stage) => ({ stage, households: stages.find((row) => row.stage === stage)?.households ?? 0 })),
    },
  };
}

/** Rows summed per key, the first row of each key standing for its group. */
function sumBy<T extends { count: number }>(rows: readonly T[], key: (row: T) => string): Array<{ row: T; count: number }> {
  const groups = new Map<string, { row: T; count: number }>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.count += row.count;
    else groups.set(key(row), { row, count: row.count });
  }
  return [...groups.values()];
}

function countOf<T extends { count: number }>(rows: readonly T[], match: (row: T) => boolean): number {
  return rows.filter(match).reduce((sum, row) => sum + row.count, 0);
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function statsOf(row: DurationRow | undefined): DurationStats {
  if (!row || row.count === 0) return { count: 0, medianMinutes: null, p90Minutes: null };
  return { count: row.count, medianMinutes: roundMinutes(row.median), p90Minutes: roundMinutes(row.p90) };
}

/** Hundredths of a minute: what a reader can use, and the same on both databases' floating point. */
function roundMinutes(minutes: number | null): number | null {
  return minutes === null ? null : Math.round(minutes * 100) / 100;
}
