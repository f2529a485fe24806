import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { demoOwners } from "../../src/playground/demo-data.js";
import { PlaygroundDriver, translator } from "../support/playground-driver.js";
import { chromiumPath, hasChromium, openBrowser, playgroundPage } from "../support/playground-page.js";

const owner = demoOwners.find((candidate) => candidate.locale === "en" && candidate.registered) as (typeof demoOwners)[number];
const o = (key: string, params: Record<string, string | number> = {}) => translator.t("en", key, params);
const s = (key: string, params: Record<string, string | number> = {}) => translator.t("en", key, params);

/** A skipped browser suite says why in its name, so a skip is never read as a pass. */
const title = "the playground page in a real browser: an hourly clean from /services to its receipt";

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

  it("books an hourly clean with /services, the cleaning leader proposes a time in #cleaning, the owner confirms, Start, Done, the owner accepts, the receipt shows in the phone", async () => {
    const { shot, chat, ownerSees, inline, say, card, actAs, playOwner } = playgroundPage(page, "service-");
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await playOwner(d.url, owner.ownerUserId, o("owner:verify.verified"));

    await page.locator("#tg-menu").click();
    await page.locator("#tg-commands button", { hasText: "/services" }).click();
    await ownerSees(o("owner:services.ask_team"));
    await inline(o("owner:services.teams.cleaning")).click();
    await inline(o("owner:services.types.cleaning_hourly")).click();
    await inline(o("owner:services.hours_value", { value: "3", count: 3 })).click();
    await inline(o("owner:services.skip")).click();
    await ownerSees(o("owner:services.ask_time").slice(0, 30));
    await say("Any afternoon this week");
    await ownerSees(o("owner:services.summary.title"));
    await ownerSees(o("owner:services.summary.estimate", { amount: "¥150.00" }));
    await shot("owner-summary");
    await inline(o("owner:report.summary.submit")).click();
    await ownerSees(/S-\d{4}-\d{6}/);
    const number = /S-\d{4}-\d{6}/.exec(await chat().innerText())?.[0] as string;
    expect(number).toBeDefined();

    // The cleaning leader's channel: the card with the estimate, Propose time in its modal.
    await actAs("U0CL02", "cleaning");
    const heading = `${number} · ${s("staff:service.types.cleaning_hourly")}`;
    await card(heading).filter({ hasText: "¥150.00" }).waitFor();
    await shot("cleaning-card");
    await card(heading).locator("button", { hasText: s("staff:service.buttons.propose_time") }).click();
    const modal = page.locator(".sk-modal");
    await modal.waitFor();
    const tomorrow = await modal.locator('input[type="date"]').inputValue();
    expect(tomorrow).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await modal.locator('input[type="time"]').fill("14:00");
    await shot("propose-time-modal");
    await modal.locator('button[type="submit"]').click();
    await modal.waitFor({ state: "detached" });

    await ownerSees(o("owner:service.time_proposed", { number, item: "Hourly cleaning", at: "" }).slice(0, 40));
    await inline(o("owner:service.actions.time.confirm")).click();
    await ownerSees(`(work order ${number}-01)`);
    await card(heading).locator("button", { hasText: s("staff:service.buttons.start") }).click();
    await ownerSees(o("owner:service.started", { number, item: "Hourly cleaning" }));
    await card(heading).locator("button", { hasText: s("staff:service.buttons.done") }).click();
    await ownerSees(o("owner:service.done", { number, item: "Hourly cleaning" }));
    await inline(o("owner:service.actions.work.accept")).click();
    await ownerSees(/Receipt RC-\d{4}-000001/);
    await ownerSees("Hourly cleaning × 3: ¥150.00");
    await ownerSees("Total: ¥150.00");
    await page.locator("#tg-toast").waitFor({ state: "hidden" });
    await shot("owner-receipt");

    const order = await d.running.app.ctx.uow.transaction((store) => store.cases.findByNumber(number));
    expect(order?.status).toBe("awaiting_callback");
    expect(errors).toEqual([]);
  }, 120_000);
  it("a monthly package: the leader's Quote takes its weekdays from a multi-select, the owner accepts and the package runs on those days", async () => {
    const { shot, chat, ownerSees, inline, say, card, actAs, playOwner } = playgroundPage(page, "package-");
    const emma = demoOwners.find((candidate) => candidate.firstName === "Emma") as (typeof demoOwners)[number];
    await playOwner(d.url, emma.ownerUserId, o("owner:verify.verified"));
    await page.locator(".tg-keyboard button", { hasText: o("owner:menu.services") }).click();
    await inline(o("owner:services.teams.cleaning")).click();
    await inline(o("owner:services.types.cleaning_monthly")).click();
    await inline(/^Monthly cleaning package \(two 3-hour visits a week\)/).click();
    await inline(o("owner:services.skip")).click();
    await say("Monday and Thursday mornings");
    await inline(o("owner:report.summary.submit")).click();
    await ownerSees(/S-\d{4}-\d{6}/);
    const number = /S-\d{4}-\d{6}/.exec(await chat().innerText())?.[0] as string;

    await actAs("U0CL02", "cleaning");
    const heading = `${number} · ${s("staff:service.types.cleaning_monthly")}`;
    await card(heading).locator("button", { hasText: s("staff:service.buttons.quote") }).click();
    const modal = page.locator(".sk-modal");
    await modal.waitFor();
    await modal.locator('[name="service_weekdays"]').selectOption(["1", "4"]);
    await modal.locator('[name="service_visit_time"]').fill("09:00");
    await shot("quote-modal");
    await modal.locator('button[type="submit"]').click();
    await modal.waitFor({ state: "detached" });

    await ownerSees("Monthly fee: ¥1680.00");
    await inline(o("owner:service.actions.quote.accept")).click();
    await ownerSees(`Your package ${number}`);
    await shot("package-active");
    const order = await d.running.app.ctx.uow.transaction((store) => store.cases.findByNumber(number));
    expect(order?.status).toBe("active");
    expect(order?.details).toMatchObject({ packageSchedule: { weekdays: [1, 4], time: "09:00" } });
  }, 120_000);
});
