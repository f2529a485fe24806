import { formatFen } from "../../../core/domain/money.js";
import type { ReportQueries } from "../../../core/ports/reports.js";
import { monthlyReportDigest } from "../../../core/reports/monthly-task.js";
import type { MonthlyReport } from "../../../core/reports/monthly.js";
import { buildMonthlyReport } from "../../../core/use-cases/build-monthly-report.js";
import { renderReportPng } from "../../reports/report-chart.js";
import { escapeMrkdwn, type KnownBlock, mrkdwn, plain, type SlackMessage, type Translate, truncate } from "../blocks/format.js";
import type { SlackDigest } from "./slack-digest.js";

const maxSectionChars = 3000;

/** A share as a percentage with one decimal, or a dash when there was nothing to count. */
function percent(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 1000) / 10}%`;
}

function minutes(value: number | null): string {
  return value === null ? "—" : String(Math.round(value));
}

function section(title: string, lines: readonly string[]): KnownBlock {
  return { type: "section", text: mrkdwn(truncate(`*${title}*\n${lines.join("\n")}`, maxSectionChars)) };
}

/**
 * The month's report for the manager channel (`report.month`): requests per kind and channel,
 * callback coverage against the 100% target and the on-time rate per clock rule, response and
 * completion times, complaints per tier with each breach, recurring problems with their case
 * numbers, paid services, and fees per type and ladder stage. The chart comes with it as a file.
 */
export function reportMonthDigest(report: MonthlyReport, t: Translate): SlackMessage {
  const r = (key: string, params?: Record<string, string | number>) => t(`staff:report.month.${key}`, params);
  const kind = (id: string) => t(`staff:report.kinds.${id}`);
  const { requests, callbacks, complaints, recurring, fees } = report;
  const channels = (id: string) =>
    requests.perKindChannel
      .filter((row) => row.kind === id && row.count > 0)
      .map((row) => `${t(`staff:report.channels.${row.channel}`)} ${row.count}`)
      .join(" · ");
  const blocks: KnownBlock[] = [
    { type: "header", text: plain(truncate(r("title", { month: report.month }), 150)) },
    section(
      r("requests", { total: requests.total }),
      requests.perKind.map((row) => {
        const split = channels(row.kind);
        return `${kind(row.kind)}: ${row.count}${split === "" ? "" : ` (${split})`}`;
      }),
    ),
    section(r("callbacks"), [
      ...callbacks.coverage.filter((row) => row.finished > 0).map((row) => r("coverage_line", { kind: kind(row.kind), done: row.done, finished: row.finished, rate: percent(row.coverage) }) + (row.done < row.finished ? " ⚠️" : "")),
      ...callbacks.onTime.filter((row) => row.stopped > 0).map((row) => r("on_time_line", { rule: t(`staff:clocks.${row.rule.replaceAll(".", "_")}`), on_time: row.onTime, stopped: row.stopped, rate: percent(row.rate) })),
    ]),
    section(
      r("durations"),
      report.durations
        .filter((row) => row.firstResponse.count > 0 || row.completion.count > 0)
        .map((row) =>
          r("duration_line", {
            kind: kind(row.kind),
            first_median: minutes(row.firstResponse.medianMinutes),
            first_p90: minutes(row.firstResponse.p90Minutes),
            done_median: minutes(row.completion.medianMinutes),
            done_p90: minutes(row.completion.p90Minutes),
          }),
        ),
    ),
    section(r("complaints"), [
      complaints.perTier.map((row) => `${t(`staff:report.tiers.${row.tier}`)} ${row.count}`).join(" · "),
      ...complaints.breaches.map((row) => r("breach_line", { number: row.caseNumber, rule: t(`staff:clocks.${row.rule.replaceAll(".", "_")}`) })),
    ]),
    section(r("recurring"), [
      ...recurring.categories.map((row) => r("recurring_category", { building: escapeMrkdwn(row.building), category: t(`common:category.${row.category}`), count: row.count, numbers: row.caseNumbers.join(", ") })),
      ...recurring.reopenedUnits.map((row) => r("recurring_unit", { unit: escapeMrkdwn(`${row.building}-${row.unit}`), reopens: row.reopens, numbers: row.caseNumbers.join(", ") })),
      ...(recurring.categories.length + recurring.reopenedUnits.length === 0 ? [r("recurring_none")] : []),
    ]),
    section(
      r("services"),
      report.services.filter((row) => row.orders + row.workOrders + row.collectedFen > 0).map((row) => r("service_line", { service: t(`staff:service.types.${row.serviceType}`), orders: row.orders, work_orders: row.workOrders, collected: formatFen(row.collectedFen) })),
    ),
    section(r("fees"), [
      ...fees.collection.filter((row) => row.charges > 0).map((row) => r("fee_line", { fee: t(`staff:report.fee_types.${row.feeType}`), paid: formatFen(row.paidFen), charged: formatFen(row.chargedFen), rate: percent(row.rate) })),
      fees.perStage.map((row) => `${t(`staff:report.stages.${row.stage}`)} ${row.households}`).join(" · "),
    ]),
  ];
  const coverage = callbacks.coverage.reduce((sum, row) => ({ done: sum.done + row.done, finished: sum.finished + row.finished }), { done: 0, finished: 0 });
  const text = r("fallback", { month: report.month, total: requests.total, coverage: percent(coverage.finished === 0 ? null : coverage.done / coverage.finished), breaches: complaints.breaches.length });
  return { text, blocks };
}

/** `report.month`: the month's report read at delivery through the database's aggregates, with its chart as a PNG. */
export function reportMonthSlackDigest(reports: ReportQueries): SlackDigest {
  return {
    id: monthlyReportDigest,
    async render(workflow, period, t) {
      const report = await buildMonthlyReport({ reports, timeZone: workflow.timeZone, kinds: workflow.kinds }, period);
      const chart = renderReportPng(report, t);
      return { ...reportMonthDigest(report, t), files: [{ filename: `report-${period}.png`, title: t("staff:report.month.chart_title", { month: period }), bytes: chart }] };
    },
  };
}
