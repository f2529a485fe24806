import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { demoOwners } from "../../src/playground/demo-data.js";
import { PlaygroundDriver, translator } from "../support/playground-driver.js";
import { chromiumPath, hasChromium, openBrowser, playgroundPage } from "../support/playground-page.js";

const owner = demoOwners.find((candidate) => candidate.locale === "zh-CN" && candidate.registered) as (typeof demoOwners)[number];
const o = (key: string, params: Record<string, string | number> = {}) => translator.t("zh-CN", key, params);
const s = (key: string, params: Record<string, string | number> = {}) => translator.t("en", key, params);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A clock's line in a card's footer with its due instant ("Clear answer to the owner due Thu, Dec 3, 21:28"). */
const dueLine = (clock: string, at = "\\d{2}:\\d{2}") => new RegExp(`${escape(s(`staff:clocks.${clock}`))} due \\w{3}, \\w{3} \\d{1,2}, ${at}`);

/** A skipped browser suite says why in its name, so a skip is never read as a pass. */
const title = "the playground page in a real browser: a major complaint from the owner's phone to the manager";

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

  it("files a gas complaint with /complain, the front desk classifies it Major, the manager is mentioned, +1 day alerts the front desk leader, the manager acknowledges", async () => {
    const { shot, chat, ownerSees, inline, say, card, actAs } = playgroundPage(page, "complaint-");
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${d.url}/`);
    await page.locator(`.owner-chip[data-owner-id="${owner.ownerUserId}"]`).click();
    await page.locator("#live-dot.on").waitFor();
    await page.locator("#tg-start").click();
    await ownerSees(o("owner:start.verify_prompt"));
    await page.locator(".tg-keyboard button.contact").click();
    await page.locator(".tg-dialog button", { hasText: "Share" }).click();
    await ownerSees(o("owner:verify.verified"));

    // /complain from the bot's command menu, as an owner who has not found the keyboard's button.
    await page.locator("#tg-menu").click();
    await page.locator("#tg-commands button", { hasText: "/complain" }).click();
    await ownerSees(o("owner:complaint_form.ask_subject"));
    await inline(o("common:complaint_subject.facilities")).click();
    await ownerSees(o("owner:complaint_form.ask.description"));
    await say("楼道里有很重的煤气味，已经两天了，晚上不敢开火");
    await ownerSees(o("owner:complaint_form.ask.when_where").slice(0, 10));
    await say("前天晚上开始，3栋2单元楼道");
    await ownerSees(o("owner:complaint_form.ask.about").slice(0, 10));
    await inline(o("owner:complaint_form.skip")).click();
    await ownerSees(o("owner:complaint_form.ask.request"));
    await say("请马上派人检查燃气管道");
    await ownerSees(o("owner:complaint_form.ask.deadline").slice(0, 10));
    await inline(o("owner:complaint_form.deadline.d1")).click();
    await inline(o("owner:report.photos_done")).click();
    await ownerSees(o("owner:complaint_form.summary.title"));
    await shot("owner-summary");
    await inline(o("owner:report.summary.submit")).click();
    await ownerSees(/C-\d{4}-\d{6}/);
    const number = /C-\d{4}-\d{6}/.exec(await chat().innerText())?.[0] as string;
    expect(number).toBeDefined();
    await shot("owner-submitted");

    // The front desk's card: the suggested tier from the words, the classify clock, the tier buttons.
    const heading = s("staff:complaint.title", { number, subject: s("common:complaint_subject.facilities") });
    await actAs("U0FD01", "frontdesk");
    const frontDesk = card(heading);
    await frontDesk.filter({ hasText: s("staff:complaint.suggested", { tier: s("common:complaint_tier.major") }) }).waitFor();
    await expect(frontDesk.innerText()).resolves.toMatch(dueLine("complaint_classify"));
    await frontDesk.locator("button", { hasText: s("staff:buttons.complaint_major") }).waitFor();
    await shot("frontdesk-card");
    await frontDesk.locator("button", { hasText: s("staff:buttons.complaint_major") }).click();
    // Report by the end of the day, answer within 2 days, resolve within 10, each with its instant.
    await frontDesk.filter({ hasText: `${s("staff:clocks.complaint_major_resolve")} due ` }).waitFor();
    const dues = await frontDesk.innerText();
    expect(dues).toMatch(dueLine("complaint_major_report", "23:59"));
    expect(dues).toMatch(dueLine("complaint_major_answer"));
    expect(dues).toMatch(dueLine("complaint_major_resolve"));
    expect(dues).not.toContain(`${s("staff:clocks.complaint_classify")} due`);
    await shot("frontdesk-major");

    // The copy in #management, with the manager mentioned.
    await actAs("U0MG01", "management");
    await card(heading).waitFor();
    await page.locator("#slack-messages .msg").filter({ hasText: "@Wang Jun" }).filter({ hasText: number }).last().waitFor();
    await shot("management-card");

    // The coming-up list names the complaint's clocks; a day later the manager's same-day report is overdue.
    await page.locator("#clock-face").click();
    const reportClock = s("staff:clocks.complaint_major_report");
    await page.locator("#clock-panel li").filter({ hasText: `${number} · ${reportClock}: alerts the frontdesk leader if still open` }).waitFor();
    await page.locator("#clock-panel li").filter({ hasText: `${number} · ${s("staff:clocks.complaint_major_answer")}: alerts the manager if still open` }).waitFor();
    await shot("clock-coming-up");
    await page.locator("#clock-face").click();
    await page.locator("button[data-advance]", { hasText: "+1 day" }).click();
    const moved = page.locator(".toast").filter({ hasText: `${number}: ${reportClock} overdue, the frontdesk leader alerted` });
    await moved.waitFor();
    await shot("after-one-day");
    await moved.click();

    await actAs("U0FD02", "frontdesk");
    const overdue = page.locator("#slack-messages .msg").filter({ hasText: s("staff:alerts.complaint_major_unacknowledged", { number, dueAt: "" }).slice(0, 40) }).last();
    await overdue.filter({ hasText: "@Grace Wu" }).waitFor();
    await card(heading).filter({ hasText: `${reportClock} overdue since` }).waitFor();
    await shot("frontdesk-leader-alerted");

    await actAs("U0MG01", "management");
    await card(heading).locator("button", { hasText: s("staff:buttons.complaint_acknowledge") }).click();
    await card(heading).locator("button", { hasText: s("staff:buttons.complaint_acknowledge") }).waitFor({ state: "detached" });
    // The acknowledgement stops the same-day clock: its line leaves the card, the answer and resolution clocks run on.
    const acknowledged = card(heading);
    const footer = await acknowledged.innerText();
    expect(footer).not.toMatch(new RegExp(`${escape(reportClock)} (due|overdue since) `));
    expect(footer).toMatch(dueLine("complaint_major_answer"));
    await shot("management-acknowledged");
    const complaint = await d.running.app.ctx.uow.transaction((store) => store.cases.findByNumber(number));
    expect(complaint?.details).toMatchObject({ tier: "major" });
    expect(errors).toEqual([]);
  }, 120_000);
});
