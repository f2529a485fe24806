import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import type * as ResvgModule from "@resvg/resvg-js";
import type * as EchartsModule from "echarts";
import type { MessageParams } from "../../core/domain/outbox.js";
import type { MonthlyReport } from "../../core/reports/monthly.js";

/**
 * ECharts and resvg are loaded at the first chart, not with the product: ECharts alone adds about
 * 40 MB to a process that draws one chart a month (the monthly report), while every instance
 * would hold it for its whole life.
 */
const load = createRequire(import.meta.url);
let echartsModule: typeof EchartsModule | undefined;
let resvgModule: typeof ResvgModule | undefined;
const echartsLib = () => (echartsModule ??= load("echarts") as typeof EchartsModule);
const resvgLib = () => (resvgModule ??= load("@resvg/resvg-js") as typeof ResvgModule);

/** Renders a staff message key (`staff:report.chart.title`) in the reader's language. */
export type ChartTranslate = (key: string, params?: MessageParams) => string;

/** The request channels, in the order the chart stacks them. */
export const chartChannels = ["telegram", "phone", "counter", "letter"] as const;

/**
 * The month's figures the chart draws: requests per kind and channel, callback coverage per kind
 * and fee collection per fee type. The monthly report carries these among its figures.
 */
export interface ReportChartFigures {
  /** `YYYY-MM`. */
  month: string;
  requests: readonly { kind: string; channel: string; count: number }[];
  callbackCoverage: readonly { kind: string; done: number; finished: number }[];
  feeCollection: readonly { feeType: string; paidFen: number; chargedFen: number }[];
}

/** Where Debian's fonts-noto-cjk puts its sans face; the first file that exists is used. */
export const cjkFontCandidates = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
];

/** The family name the SVG asks for; it is the name inside the font file. */
export const cjkFontFamily = "Noto Sans CJK SC";

/** The CJK font file, or an error naming the package that provides it. */
export function cjkFontFile(candidates: readonly string[] = cjkFontCandidates): string {
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`no CJK font for the report chart: install fonts-noto-cjk (looked for ${candidates.join(", ")})`);
  return found;
}

const width = 1200;
const height = 800;

/** Coverage and collection as percentages with one decimal; nothing to cover draws no bar. */
function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/** A panel's horizontal bars of percentages, each labelled with its value. */
function percentBars(name: string, grid: number, data: (number | null)[]) {
  return { name, type: "bar" as const, xAxisIndex: grid, yAxisIndex: grid, label: { show: true, position: "right" as const, formatter: "{c}%" }, data };
}

/**
 * The chart as SVG (ECharts' server-side renderer): on the left the month's requests per kind,
 * stacked by channel; top right the callback coverage per kind against the 100% target; bottom
 * right the fee collection rate per fee type. Labels in the reader's language.
 */
export function reportChartSvg(figures: ReportChartFigures, translate: ChartTranslate): string {
  const t = (key: string, params?: MessageParams) => translate(`staff:report.chart.${key}`, params);
  const kindName = (kind: string) => translate(`staff:report.kinds.${kind}`);
  const kinds = [...new Set([...figures.requests.map((row) => row.kind), ...figures.callbackCoverage.map((row) => row.kind)])];
  const requestSeries = chartChannels.map((channel) => ({
    name: translate(`staff:report.channels.${channel}`),
    type: "bar" as const,
    stack: "requests",
    xAxisIndex: 0,
    yAxisIndex: 0,
    label: { show: true, formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : "") },
    data: kinds.map((kind) => figures.requests.filter((row) => row.kind === kind && row.channel === channel).reduce((sum, row) => sum + row.count, 0)),
  }));
  const coverageKinds = figures.callbackCoverage.map((row) => row.kind);
  const feeTypes = figures.feeCollection.map((row) => row.feeType);
  const chart = echartsLib().init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: "#ffffff",
      textStyle: { fontFamily: cjkFontFamily },
      title: [
        { text: t("title", { month: figures.month }), left: "center", top: 12, textStyle: { fontSize: 26, fontFamily: cjkFontFamily } },
        { text: t("requests"), left: 40, top: 70, textStyle: { fontSize: 18, fontFamily: cjkFontFamily } },
        { text: t("coverage"), left: 660, top: 70, textStyle: { fontSize: 18, fontFamily: cjkFontFamily } },
        { text: t("collection"), left: 660, top: 430, textStyle: { fontSize: 18, fontFamily: cjkFontFamily } },
      ],
      legend: { data: requestSeries.map((series) => series.name), top: 110, left: 40, width: 560, textStyle: { fontSize: 14, fontFamily: cjkFontFamily } },
      grid: [
        { left: 60, top: 160, width: 540, height: 560 },
        { left: 760, top: 110, width: 400, height: 280 },
        { left: 760, top: 470, width: 400, height: 260 },
      ],
      xAxis: [
        { gridIndex: 0, type: "category", data: kinds.map(kindName), axisLabel: { fontSize: 16, fontFamily: cjkFontFamily } },
        { gridIndex: 1, type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
        { gridIndex: 2, type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      ],
      yAxis: [
        { gridIndex: 0, type: "value", minInterval: 1 },
        { gridIndex: 1, type: "category", inverse: true, data: coverageKinds.map(kindName), axisLabel: { fontSize: 16, fontFamily: cjkFontFamily } },
        {
          gridIndex: 2,
          type: "category",
          inverse: true,
          data: feeTypes.map((feeType) => translate(`staff:report.fee_types.${feeType}`)),
          axisLabel: { fontSize: 14, fontFamily: cjkFontFamily },
        },
      ],
      series: [
        ...requestSeries,
        {
          ...percentBars(t("coverage"), 1, figures.callbackCoverage.map((row) => percent(row.done, row.finished))),
          markLine: { symbol: "none", label: { formatter: t("target"), position: "insideEndTop" }, lineStyle: { color: "#c0392b", type: "dashed" }, data: [{ xAxis: 100 }] },
        },
        percentBars(t("collection"), 2, figures.feeCollection.map((row) => percent(row.paidFen, row.chargedFen))),
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** An SVG drawn to PNG with only the given font files (never the machine's other fonts, so what renders here renders in CI). */
export function svgToPng(svg: string, fontFiles: readonly string[]): Buffer {
  const resvg = new (resvgLib().Resvg)(svg, {
    background: "#ffffff",
    font: { fontFiles: [...fontFiles], loadSystemFonts: false, defaultFontFamily: cjkFontFamily },
  });
  return resvg.render().asPng();
}

/** The figures of the monthly report the chart draws: fee files have no channel and no callback, so they are left out of those panels. */
export function reportChartFigures(report: MonthlyReport): ReportChartFigures {
  return {
    month: report.month,
    requests: report.requests.perKindChannel,
    callbackCoverage: report.callbacks.coverage.filter((row) => row.kind !== "fee"),
    feeCollection: report.fees.collection.filter((row) => row.chargedFen > 0),
  };
}

/** Chart figures as a PNG (1200 × 800), labels in the reader's language drawn with the CJK font. */
export function renderChartPng(figures: ReportChartFigures, translate: ChartTranslate, fontFile: string = cjkFontFile()): Buffer {
  return svgToPng(reportChartSvg(figures, translate), [fontFile]);
}

/** The monthly report's chart as a PNG, for Slack, the CLI and the playground. */
export function renderReportPng(report: MonthlyReport, translate: ChartTranslate, fontFile: string = cjkFontFile()): Buffer {
  return renderChartPng(reportChartFigures(report), translate, fontFile);
}
