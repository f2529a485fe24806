import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { createI18nextTranslator } from "../../../src/adapters/i18n/i18next-translator.js";
import { type ChartTranslate, cjkFontFamily, cjkFontFile, renderChartPng, reportChartSvg, type ReportChartFigures, svgToPng } from "../../../src/adapters/reports/report-chart.js";

const missing: string[] = [];
const translator = createI18nextTranslator({
  localesDir: path.resolve("locales"),
  timeZone: "Asia/Shanghai",
  fallbackLocale: "zh-CN",
  onMissingKey: (locale, key) => missing.push(`${locale} ${key}`),
});
const zh: ChartTranslate = (key, params) => translator.t("zh-CN", key, params);
const en: ChartTranslate = (key, params) => translator.t("en", key, params);

const figures: ReportChartFigures = {
  month: "2026-11",
  requests: [
    { kind: "repair", channel: "telegram", count: 42 },
    { kind: "repair", channel: "phone", count: 17 },
    { kind: "complaint", channel: "counter", count: 5 },
    { kind: "complaint", channel: "letter", count: 2 },
    { kind: "service", channel: "telegram", count: 9 },
  ],
  callbackCoverage: [
    { kind: "repair", done: 50, finished: 50 },
    { kind: "complaint", done: 6, finished: 7 },
    { kind: "service", done: 0, finished: 0 },
  ],
  feeCollection: [
    { feeType: "property", paidFen: 8_650_000, chargedFen: 10_000_000 },
    { feeType: "garbage", paidFen: 120_000, chargedFen: 120_000 },
  ],
};

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** How many pixels of an SVG drawn with these fonts are not white. */
function ink(svg: string, fontFiles: string[]): number {
  const pixels = new Resvg(svg, { background: "#ffffff", font: { fontFiles, loadSystemFonts: false, defaultFontFamily: cjkFontFamily } }).render().pixels;
  let count = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 250 || pixels[i + 1]! < 250 || pixels[i + 2]! < 250) count += 1;
  return count;
}

describe("the monthly report's chart", () => {
  it("is a 1200 × 800 PNG whose Chinese title, kinds, channels and fee types are in the SVG it is drawn from", () => {
    const png = renderChartPng(figures, zh);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(pngSize(png)).toEqual({ width: 1200, height: 800 });
    expect(png.length).toBeGreaterThan(20_000);
    const svg = reportChartSvg(figures, zh);
    for (const label of ["2026-11 月度报告", "报修", "投诉", "有偿服务", "机器人", "电话", "前台来访", "书面来信", "物业费", "垃圾清运费", "回访率", "85.7%", "86.5%"]) expect(svg).toContain(label);
    expect(missing).toEqual([]);
  });

  it("draws the Chinese labels with the CJK font: a label's glyphs leave ink only when the font is loaded", () => {
    const font = cjkFontFile();
    const label = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><text x="10" y="40" font-size="32" font-family="${cjkFontFamily}">月度报告</text></svg>`;
    expect(ink(label, [])).toBe(0);
    expect(ink(label, [font])).toBeGreaterThan(500);
    // The whole chart: the text is a large share of what is drawn, so the font's absence shows.
    const svg = reportChartSvg(figures, zh);
    expect(ink(svg, [font]) - ink(svg, [])).toBeGreaterThan(5_000);
    expect(svgToPng(svg, [font])).toEqual(renderChartPng(figures, zh, font));
  });

  it("is drawn in English for an English reader, and an empty month still draws its axes and title", () => {
    const svg = reportChartSvg(figures, en);
    for (const label of ["Monthly report 2026-11", "Repair", "Complaint", "Telegram", "Counter", "Property fee"]) expect(svg).toContain(label);
    expect(svg).not.toContain("报修");
    const empty = renderChartPng({ month: "2027-01", requests: [], callbackCoverage: [], feeCollection: [] }, en);
    expect(pngSize(empty)).toEqual({ width: 1200, height: 800 });
    expect(reportChartSvg({ month: "2027-01", requests: [], callbackCoverage: [], feeCollection: [] }, en)).toContain("Monthly report 2027-01");
  });
});
