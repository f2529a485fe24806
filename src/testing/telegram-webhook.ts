import { badRequest } from "./telegram-rules.js";

/** A webhook as `setWebhook` registered it. */
export interface FakeWebhook {
  url: string;
  secretToken: string | undefined;
  allowedUpdates: string[] | undefined;
  lastError: { date: number; message: string } | undefined;
}

/**
 * The bot's webhook registration, as Telegram keeps it: `setWebhook` replaces it (an HTTPS URL is
 * required, the secret token is 1-256 of `A-Z a-z 0-9 _ -`), `deleteWebhook` removes it, and
 * `getWebhookInfo` shows it without the secret, which Telegram never gives back.
 */
export class WebhookRegistration {
  private current: FakeWebhook | null = null;

  get active(): boolean {
    return this.current !== null;
  }

  set(p: Record<string, unknown>): void {
    if (typeof p.url !== "string" || !p.url.startsWith("https://")) throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    const secret = typeof p.secret_token === "string" && p.secret_token !== "" ? p.secret_token : undefined;
    if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) throw badRequest("bad webhook: secret token contains unallowed characters");
    const allowed = typeof p.allowed_updates === "string" ? (JSON.parse(p.allowed_updates) as unknown) : p.allowed_updates;
    this.current = { url: p.url, secretToken: secret, allowedUpdates: Array.isArray(allowed) ? allowed.map(String) : undefined, lastError: undefined };
  }

  clear(): void {
    this.current = null;
  }

  failed(message: string, at: Date = new Date()): void {
    if (this.current === null) throw new Error("no webhook is set: call setWebhook first");
    this.current.lastError = { date: Math.floor(at.getTime() / 1000), message };
  }

  copy(): FakeWebhook | null {
    return this.current === null ? null : structuredClone(this.current);
  }

  /** `getWebhookInfo`'s result: the URL empty without a webhook; the updates waiting either way. */
  info(pendingUpdates: number): Record<string, unknown> {
    const hook = this.current;
    return {
      url: hook?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: pendingUpdates,
      ...(hook?.lastError ? { last_error_date: hook.lastError.date, last_error_message: hook.lastError.message } : {}),
      ...(hook?.allowedUpdates ? { allowed_updates: hook.allowedUpdates } : {}),
      ...(hook ? { max_connections: 40 } : {}),
    };
  }
}
