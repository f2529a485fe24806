import { z } from "zod";
import type { UnitOfWork } from "../core/ports/store.js";
import { emptySlackSnapshot, type FakeSlack, type FakeSlackSnapshot } from "../testing/fake-slack-server.js";
import { emptyTelegramSnapshot, type FakeTelegram, type FakeTelegramSnapshot } from "../testing/fake-telegram-server.js";

/** Something an owner sent from the page; Telegram keeps no copy the bot could read back. */
export const OwnerSentSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  text: z.string().optional(),
  photo: z.string().optional(),
  contact: z.object({ phone: z.string(), name: z.string() }).optional(),
});
export type OwnerSent = z.infer<typeof OwnerSentSchema>;

const record = z.record(z.string(), z.unknown());
const ScreensStateSchema = z.object({
  version: z.literal(1),
  telegram: z.object({ chats: record, lastMessageIds: record, knownChats: record, keyboards: record, lastUpdateId: z.number().int().optional() }),
  slack: z.object({ messages: record, ephemerals: z.array(z.unknown()), views: z.array(z.unknown()), tsCounter: z.number() }),
  sent: z.record(z.string(), z.array(OwnerSentSchema)),
  shownAt: z.record(z.string(), z.string()),
  modals: z.record(z.string(), z.string()),
  hiddenKeyboards: z.array(z.string()),
});

const stateKey = "playground:screens";
const photoKeyPrefix = "playground:photo:";
const PhotoSchema = z.object({ contentType: z.string(), base64: z.string() });

/**
 * What the page shows besides the database: the fakes' chats and channels, what owners sent, the
 * product time each message appeared at, open modals. Stored in the core's key-value table
 * (debounced), so a restart brings back the same screens, and `demo reset` (which wipes the
 * database) clears them with everything else.
 */
export class Screens {
  sent = new Map<string, OwnerSent[]>();
  /** Product time a message was shown at: `t:<chat>:<id>` (Telegram) or `s:<channel>:<ts>` (Slack). */
  shownAt = new Map<string, string>();
  /** Open modal (view id) per Slack user. */
  modals = new Map<string, string>();
  /** Chats whose one-time reply keyboard the owner already used. */
  hiddenKeyboards = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly uow: () => UnitOfWork,
    private readonly telegram: FakeTelegram,
    private readonly slack: FakeSlack,
    private readonly onSaveError: (error: unknown) => void,
  ) {}

  /** Restores the stored screens into the fakes; an unreadable record starts blank. */
  async load(): Promise<void> {
    const raw = await this.uow().transaction((store) => store.keyValues.get(stateKey));
    let parsed: z.infer<typeof ScreensStateSchema> | null = null;
    try {
      const result = raw === null ? null : ScreensStateSchema.safeParse(JSON.parse(raw));
      parsed = result?.success ? result.data : null;
    } catch {
      parsed = null;
    }
    this.telegram.restore(parsed ? (parsed.telegram as unknown as FakeTelegramSnapshot) : emptyTelegramSnapshot);
    this.slack.restore(parsed ? (parsed.slack as unknown as FakeSlackSnapshot) : emptySlackSnapshot);
    this.sent = new Map(Object.entries(parsed?.sent ?? {}));
    this.shownAt = new Map(Object.entries(parsed?.shownAt ?? {}));
    this.modals = new Map(Object.entries(parsed?.modals ?? {}));
    this.hiddenKeyboards = new Set(parsed?.hiddenKeyboards ?? []);
  }

  /** Saves soon; many changes in a burst (a card and three notices) make one write. */
  changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.saving = this.saving.then(() => this.write()).catch(this.onSaveError);
    }, 250);
  }

  /** Writes now (before the database closes). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.saving;
    await this.write();
  }

  async savePhoto(fileId: string, contentType: string, bytes: Buffer): Promise<void> {
    const value = JSON.stringify({ contentType, base64: bytes.toString("base64") });
    await this.uow().transaction((store) => store.keyValues.set(`${photoKeyPrefix}${fileId}`, value));
  }

  async photo(fileId: string): Promise<{ contentType: string; bytes: Buffer } | null> {
    const raw = await this.uow().transaction((store) => store.keyValues.get(`${photoKeyPrefix}${fileId}`));
    if (raw === null) return null;
    try {
      const photo = PhotoSchema.parse(JSON.parse(raw));
      return { contentType: photo.contentType, bytes: Buffer.from(photo.base64, "base64") };
    } catch {
      return null;
    }
  }

  private async write(): Promise<void> {
    const state: z.infer<typeof ScreensStateSchema> = {
      version: 1,
      telegram: this.telegram.snapshot() as unknown as z.infer<typeof ScreensStateSchema>["telegram"],
      slack: this.slack.snapshot() as unknown as z.infer<typeof ScreensStateSchema>["slack"],
      sent: Object.fromEntries(this.sent),
      shownAt: Object.fromEntries(this.shownAt),
      modals: Object.fromEntries(this.modals),
      hiddenKeyboards: [...this.hiddenKeyboards],
    };
    await this.uow().transaction((store) => store.keyValues.set(stateKey, JSON.stringify(state)));
  }
}
