import { webApi } from "@slack/bolt";

/** A Web API call that failed: Slack's error code (`invalid_auth`, `missing_scope`...) or why Slack could not be reached. */
export interface SlackRefusal {
  ok: false;
  error: string;
  /** With `missing_scope`: the scope the method needs. */
  needed?: string;
}

export interface SlackChannelState {
  ok: true;
  name: string | null;
  isMember: boolean;
  isArchived: boolean;
  isPrivate: boolean;
}

export interface SlackProbe {
  auth:
    | {
        ok: true;
        team: string | null;
        botId: string | null;
        botUserId: string | null;
        /** The token's scopes from the `x-oauth-scopes` header; null when Slack did not send it. */
        scopes: string[] | null;
      }
    | SlackRefusal;
  /** Per channel id asked; empty when the token was refused. */
  channels: Map<string, SlackChannelState | SlackRefusal>;
}

const silent: webApi.Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => webApi.LogLevel.ERROR,
  setName: () => undefined,
};

/**
 * Asks Slack who the token is (`auth.test`) and, for each channel, whether it exists and the bot
 * is in it (`conversations.info`), posting nothing. Nothing is retried: a slow or refusing Slack
 * is the answer. For the `doctor` command.
 */
export async function probeSlack(options: { token: string; apiUrl: string; channels: readonly string[] }): Promise<SlackProbe> {
  const client = new webApi.WebClient(options.token, { slackApiUrl: options.apiUrl, retryConfig: { retries: 0 }, timeout: 10_000, rejectRateLimitedCalls: true, logger: silent });
  const channels = new Map<string, SlackChannelState | SlackRefusal>();
  let auth: SlackProbe["auth"];
  try {
    const answer = await client.auth.test();
    auth = { ok: true, team: answer.team ?? null, botId: answer.bot_id ?? null, botUserId: answer.user_id ?? null, scopes: answer.response_metadata?.scopes ?? null };
  } catch (error) {
    return { auth: refusal(error), channels };
  }
  for (const id of options.channels) {
    try {
      const { channel } = await client.conversations.info({ channel: id });
      channels.set(id, { ok: true, name: channel?.name ?? null, isMember: channel?.is_member === true, isArchived: channel?.is_archived === true, isPrivate: channel?.is_private === true });
    } catch (error) {
      channels.set(id, refusal(error));
    }
  }
  return { auth, channels };
}

function refusal(error: unknown): SlackRefusal {
  const data = (error as { data?: { error?: unknown; needed?: unknown } }).data;
  if (data && typeof data.error === "string") return { ok: false, error: data.error, ...(typeof data.needed === "string" ? { needed: data.needed } : {}) };
  // A request error (no answer, a refused connection) carries only its message.
  return { ok: false, error: error instanceof Error ? error.message : String(error) };
}
