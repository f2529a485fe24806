import { Api, GrammyError, HttpError } from "grammy";

/** A Bot API call that failed: refused by Telegram (`status` is its error code) or never answered. */
export interface TelegramRefusal {
  ok: false;
  /** Telegram's error code (401: the token is wrong); null when Telegram could not be reached. */
  status: number | null;
  description: string;
}

/** What `getWebhookInfo` says, in our names. The secret token is not among it: Telegram never gives it back. */
export interface TelegramWebhookState {
  ok: true;
  url: string;
  pendingUpdateCount: number;
  lastError: { at: Date; message: string } | null;
  /** The update types Telegram sends; null: all but a few rare ones (Telegram's default). */
  allowedUpdates: string[] | null;
}

export interface TelegramProbe {
  bot: { ok: true; id: number; username: string } | TelegramRefusal;
  /** Asked only once the token is accepted. */
  webhook: TelegramWebhookState | TelegramRefusal | null;
}

/** How long each call may take before Telegram counts as unreachable. */
const timeoutSeconds = 10;

/**
 * Asks Telegram who the bot is (`getMe`) and where its updates go (`getWebhookInfo`), changing
 * nothing: no webhook is set or deleted. For the `doctor` command.
 */
export async function probeTelegram(options: { token: string; apiRoot: string }): Promise<TelegramProbe> {
  const api = new Api(options.token, { apiRoot: options.apiRoot, timeoutSeconds });
  let bot: TelegramProbe["bot"];
  try {
    const me = await api.getMe();
    bot = { ok: true, id: me.id, username: me.username };
  } catch (error) {
    return { bot: refusal(error), webhook: null };
  }
  try {
    const info = await api.getWebhookInfo();
    return {
      bot,
      webhook: {
        ok: true,
        url: info.url ?? "",
        pendingUpdateCount: info.pending_update_count,
        lastError: info.last_error_date !== undefined ? { at: new Date(info.last_error_date * 1000), message: info.last_error_message ?? "" } : null,
        allowedUpdates: info.allowed_updates ?? null,
      },
    };
  } catch (error) {
    return { bot, webhook: refusal(error) };
  }
}

function refusal(error: unknown): TelegramRefusal {
  if (error instanceof GrammyError) return { ok: false, status: error.error_code, description: error.description };
  // HttpError wraps the network failure; its own message names only the method.
  if (error instanceof HttpError) return { ok: false, status: null, description: error.error instanceof Error ? error.error.message : String(error.error) };
  throw error;
}
