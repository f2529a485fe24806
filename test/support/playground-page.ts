import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";

export const chromiumPath = "/usr/bin/chromium";
export const hasChromium = existsSync(chromiumPath);
export const shotsDir = path.resolve("test-results/playground");

/** Headless Chromium on a throwaway profile, at a desktop size; `close` removes the profile. */
export async function openBrowser(): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  mkdirSync(shotsDir, { recursive: true });
  const profile = mkdtempSync(path.join(tmpdir(), "frontdesk-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What a player looks at and presses on the playground page: the phone's chat and the Slack channel. */
export function playgroundPage(page: Page, prefix = "") {
  let step = 0;
  const chat = () => page.locator("#tg-chat");
  const ownerSees = (text: string | RegExp) => chat().locator(".tg-row.bot").filter({ hasText: text }).last().waitFor();
  return {
    /** A numbered screenshot in test-results/playground, in the order the story takes them. */
    async shot(name: string): Promise<string> {
      step += 1;
      const file = path.join(shotsDir, `${prefix}${String(step).padStart(2, "0")}-${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    chat,
    ownerSees,
    /** Opens the page at `url` as the demo owner `ownerUserId`, who starts the bot and shares their contact; returns once `verified` shows. */
    async playOwner(url: string, ownerUserId: number, verified: string) {
      await page.goto(`${url}/`);
      await page.locator(`.owner-chip[data-owner-id="${ownerUserId}"]`).click();
      await page.locator("#live-dot.on").waitFor();
      await page.locator("#tg-start").click();
      await page.locator(".tg-keyboard button.contact").click();
      await page.locator(".tg-dialog button", { hasText: "Share" }).click();
      await ownerSees(verified);
    },
    inline: (label: string | RegExp) => chat().locator(".inline-kb button").filter({ hasText: label }).last(),
    /** The owner types `text` and sends it. */
    async say(text: string) {
      await page.locator("#tg-input").fill(text);
      await page.locator("#tg-input").press("Enter");
    },
    card: (needle: string): Locator => page.locator("#slack-messages .msg:not(.ephemeral)").filter({ hasText: needle }).last(),
    async actAs(staffId: string, channel: string) {
      await page.selectOption("#staff-select", staffId);
      await page.locator(`#channel-list button[data-channel="${channel}"]`).click();
    },
  };
}
