import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { vi } from "vitest";
import { localesDir } from "../../src/app/build-app.js";
import { createLogger } from "../../src/app/logger.js";
import { createI18nextTranslator } from "../../src/adapters/i18n/i18next-translator.js";
import { loadPlaygroundConfig } from "../../src/config/config.js";
import type { Locale } from "../../src/core/domain/registry.js";
import type { PhoneScreen } from "../../src/playground/owner-phones.js";
import type { ModalScreen, SlackPost } from "../../src/playground/staff-desk.js";
import { startPlayground, type PlaygroundOptions, type RunningPlayground } from "../../src/playground/start-playground.js";
import { VirtualPacing } from "./virtual-pacing.js";

export const translator = createI18nextTranslator({ localesDir, timeZone: "Asia/Shanghai", fallbackLocale: "zh-CN" });

/**
 * The playground as `npm start` runs it without credentials, on a temp SQLite file and a free
 * port, driven through the page's own HTTP API (what the browser's scripts call).
 */
export class PlaygroundDriver {
  running!: RunningPlayground;
  /** The outbox keeps the platforms' limits on this clock, so no test waits them out. */
  readonly pacing = new VirtualPacing();

  private constructor(
    readonly dir: string,
    readonly env: Record<string, string>,
    private readonly options: PlaygroundOptions,
  ) {}

  /** `options` reach startPlayground as given (a wall clock, for instance). */
  static async start(env: Record<string, string> = {}, options: PlaygroundOptions = {}): Promise<PlaygroundDriver> {
    const dir = mkdtempSync(path.join(tmpdir(), "frontdesk-playground-"));
    const driver = new PlaygroundDriver(dir, { DATABASE_URL: `file:${dir}/playground.db`, PORT: "0", STAFF_LOCALE: "en", LOG_LEVEL: "silent", ...env }, options);
    await driver.boot();
    return driver;
  }

  get url(): string {
    return this.running.url;
  }

  async boot(): Promise<void> {
    this.running = await startPlayground(loadPlaygroundConfig(this.env), { logger: createLogger("silent"), cron: false, outboxPacing: this.pacing, ...this.options });
  }

  async restart(): Promise<void> {
    await this.running.stop();
    await this.boot();
  }

  /**
   * Stops and starts again from freshly loaded modules, as `npm start` the next day does: no
   * counter or cache of the previous run survives in memory, only what the database kept.
   */
  async restartAsNewProcess(): Promise<void> {
    await this.running.stop();
    vi.resetModules();
    const fresh = await import("../../src/playground/start-playground.js");
    const config = await import("../../src/config/config.js");
    const logging = await import("../../src/app/logger.js");
    this.running = await fresh.startPlayground(config.loadPlaygroundConfig(this.env), { logger: logging.createLogger("silent"), cron: false, outboxPacing: this.pacing, ...this.options });
  }

  async stop(): Promise<void> {
    await this.running.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  async get<T>(route: string): Promise<T> {
    const response = await fetch(`${this.url}${route}`);
    if (!response.ok) throw new Error(`GET ${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** POSTs JSON; returns the status and parsed body (errors included, for tests of refusals). */
  async post<T = unknown>(route: string, body: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.url}${route}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** Waits until `check` passes; the product answers asynchronously (polling, outbox, Bolt after ack). */
  async until<T>(check: () => Promise<T>, timeout = 10_000): Promise<T> {
    return vi.waitFor(check, { timeout, interval: 40 });
  }

  owner(id: number, locale: Locale): PlayedOwner {
    return new PlayedOwner(this, id, locale);
  }

  staff(id: string): PlayedStaff {
    return new PlayedStaff(this, id);
  }
}

export class PlayedOwner {
  constructor(
    private readonly d: PlaygroundDriver,
    readonly id: number,
    readonly locale: Locale,
  ) {}

  t(key: string, params: Record<string, string | number> = {}): string {
    return translator.t(this.locale, key, params);
  }

  screen(): Promise<PhoneScreen> {
    return this.d.get<PhoneScreen>(`/playground/api/owners/${this.id}`);
  }

  async texts(): Promise<string[]> {
    return (await this.screen()).bubbles.map((bubble) => bubble.text ?? "");
  }

  /** Waits until the chat shows a bot message satisfying `match`; returns the chat's texts. */
  async sees(match: (text: string) => boolean): Promise<string[]> {
    return this.d.until(async () => {
      const texts = (await this.screen()).bubbles.filter((b) => b.from === "bot").map((b) => b.text ?? "");
      if (!texts.some(match)) throw new Error(`owner ${this.id} does not see it yet:\n${texts.join("\n---\n")}`);
      return texts;
    });
  }

  async say(text: string): Promise<void> {
    await this.ok(this.d.post(`/playground/api/owners/${this.id}/text`, { text }));
  }

  async key(text: string): Promise<void> {
    await this.d.until(async () => {
      const keyboard = (await this.screen()).replyKeyboard;
      if (!keyboard?.rows.flat().some((button) => button.text === text)) throw new Error(`no reply key ${text}`);
    });
    await this.ok(this.d.post(`/playground/api/owners/${this.id}/keyboard`, { text }));
  }

  /** Presses the newest inline button whose label matches, waiting for it to appear. */
  async press(label: string | ((text: string) => boolean)): Promise<void> {
    const matches = typeof label === "string" ? (text: string) => text === label : label;
    const found = await this.d.until(async () => {
      for (const bubble of [...(await this.screen()).bubbles].reverse()) {
        const button = bubble.buttons?.flat().find((candidate) => candidate.data && matches(candidate.text));
        if (button?.data) return { messageId: bubble.id, data: button.data };
      }
      throw new Error(`no inline button ${String(label)}`);
    });
    await this.ok(this.d.post(`/playground/api/owners/${this.id}/inline`, found));
  }

  async photo(contentType: "image/png" | "image/jpeg", bytes: Buffer): Promise<void> {
    await this.ok(this.d.post(`/playground/api/owners/${this.id}/photo`, { contentType, base64: bytes.toString("base64") }));
  }

  private async ok(request: Promise<{ status: number; body: unknown }>): Promise<void> {
    const { status, body } = await request;
    if (status !== 200) throw new Error(`owner action refused: ${status} ${JSON.stringify(body)}`);
  }
}

export class PlayedStaff {
  constructor(
    private readonly d: PlaygroundDriver,
    readonly id: string,
  ) {}

  async posts(channel: string): Promise<SlackPost[]> {
    return (await this.d.get<{ posts: SlackPost[] }>(`/playground/api/channels/${channel}?as=${this.id}`)).posts;
  }

  /** Waits for the newest post in `channel` that mentions `needle` and satisfies `ready`. */
  async card(channel: string, needle: string, ready: (post: SlackPost) => boolean = () => true): Promise<SlackPost> {
    return this.d.until(async () => {
      const post = [...(await this.posts(channel))].reverse().find((candidate) => !candidate.ephemeral && JSON.stringify(candidate.blocks).includes(needle));
      if (!post || !ready(post)) throw new Error(`no ready card ${needle} in ${channel}`);
      return post;
    });
  }

  async click(channel: string, needle: string, label: string): Promise<void> {
    const card = await this.card(channel, needle, (post) => buttons(post).some((b) => b.text.text === label));
    const button = buttons(card).find((b) => b.text.text === label);
    const { status, body } = await this.d.post("/playground/api/click", { as: this.id, channel, ts: card.ts, actionId: button?.action_id, value: button?.value });
    if (status !== 200) throw new Error(`click refused: ${status} ${JSON.stringify(body)}`);
  }

  async modal(): Promise<ModalScreen> {
    return this.d.until(async () => {
      const { modal } = await this.d.get<{ modal: ModalScreen | null }>(`/playground/api/modal?as=${this.id}`);
      if (!modal) throw new Error("no modal open");
      return modal;
    });
  }

  async submit(values: Record<string, string | null>): Promise<{ ok: boolean; errors?: Record<string, string> }> {
    const modal = await this.modal();
    const { status, body } = await this.d.post<{ ok: boolean; errors?: Record<string, string> }>("/playground/api/modal/submit", { as: this.id, viewId: modal.viewId, values });
    if (status !== 200) throw new Error(`submission refused: ${status} ${JSON.stringify(body)}`);
    return body;
  }
}

interface Button {
  type: string;
  action_id: string;
  value?: string;
  text: { text: string };
}

export function buttons(post: SlackPost): Button[] {
  return (post.blocks as { elements?: Button[]; accessory?: Button }[]).flatMap((block) => [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])]).filter((element) => element.type === "button");
}
