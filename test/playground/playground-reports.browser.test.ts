import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PlaygroundDriver } from "../support/playground-driver.js";
import { chromiumPath, hasChromium, openBrowser } from "../support/playground-page.js";

const title = "the playground's Reports view in a real browser: a month's figures and its chart";

describe("the playground's report routes", () => {
  let d: PlaygroundDriver;
  beforeAll(async () => {
    d = await PlaygroundDriver.start();
  });
  afterAll(async () => {
    await d?.stop();
  });

  it("answers a month's report as JSON and its chart as a PNG, and refuses a month that is not YYYY-MM", async () => {
    const json = (await (await fetch(`${d.url}/playground/api/reports/2026-11`)).json()) as { report: { month: string; requests: { perKind: { kind: string }[] } } };
    expect(json.report.month).toBe("2026-11");
    expect(json.report.requests.perKind.map((row) => row.kind)).toEqual(["repair", "complaint", "service", "fee"]);
    const chart = await fetch(`${d.url}/playground/api/reports/2026-11/chart.png?locale=en`);
    expect(chart.headers.get("content-type")).toBe("image/png");
    const png = Buffer.from(await chart.arrayBuffer());
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(1200);
    expect((await fetch(`${d.url}/playground/api/reports/2026-13`)).status).toBe(400);
    expect((await fetch(`${d.url}/playground/api/reports/2026-11/chart.png?locale=fr`)).status).toBe(400);
  });
});

describe.skipIf(!hasChromium)(hasChromium ? title : `${title} SKIPPED: ${chromiumPath} is not installed (apt-get install chromium)`, () => {
  let d: PlaygroundDriver;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;

  beforeAll(async () => {
    d = await PlaygroundDriver.start();
    browser = await openBrowser();
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await d?.stop();
  });

  it("opens on the month before, draws the chart from its route, and shows another month when one is picked", async () => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${d.url}/`);
    await page.locator("#live-dot.on").waitFor();
    await page.locator("#open-reports").click();
    const chart = page.locator("#report-chart");
    await chart.waitFor();
    await page.waitForFunction('document.getElementById("report-chart")?.naturalWidth === 1200');
    await expect(page.locator(".report-table caption").first().textContent()).resolves.toMatch(/^Requests: \d+$/);
    await expect(page.locator(".report-table caption", { hasText: "Callback coverage (target 100%)" }).count()).resolves.toBe(1);

    await page.locator("#report-month").fill("2026-01");
    await page.locator("#report-month").dispatchEvent("change");
    await page.waitForFunction('document.getElementById("report-chart")?.alt === "Chart of 2026-01"');
    await page.waitForFunction('document.getElementById("report-chart")?.naturalWidth === 1200');
    expect(errors).toEqual([]);
  });
});
