import { teams, type Team } from "../core/domain/registry.js";
import { loadConfig, type Config } from "../config/config.js";
import { databaseStatus } from "../adapters/persistence/database-status.js";
import { probeSlack, type SlackProbe } from "../adapters/slack/slack-probe.js";
import { probeTelegram, type TelegramProbe } from "../adapters/telegram/telegram-probe.js";

/** One check's verdict: `ok`, or the problem and what to do about it. */
export interface DoctorLine {
  ok: boolean;
  check: string;
  message: string;
}

/** The scopes the product's Slack calls need (chat.postMessage/update/postEphemeral, files upload). */
export const requiredSlackScopes = ["chat:write", "files:write"] as const;

/** The path the product serves Telegram's webhook on (build-app.ts). */
export const telegramWebhookPath = "/telegram/webhook";

/**
 * Checks a live configuration against the real database and platforms before it goes live, and
 * changes nothing anywhere: the configuration is read as start-up reads it (a wrong variable
 * throws the same ConfigError), then the database's migrations, the Telegram bot and where its
 * updates go, the Slack token, its scopes and the bot's membership in each configured channel.
 *
 * Telegram never gives the webhook's secret token back, so it cannot be compared here: what can
 * be seen is Telegram's last failed delivery, and a wrong secret makes every delivery fail with
 * our 401, which is reported as such.
 */
export async function runDoctor(env: Record<string, string | undefined>): Promise<DoctorLine[]> {
  const config = loadConfig(env);
  if (config.mode === "playground") {
    return [fail("configuration", "none of TELEGRAM_BOT_TOKEN, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET is set: that runs the local playground; set all three (see .env.example) to check a live configuration")];
  }
  const lines: DoctorLine[] = [pass("configuration", `read; Telegram in ${config.telegram.mode} mode, ${config.databaseUrl.startsWith("file:") ? "SQLite" : "PostgreSQL"}`)];
  const [database, telegram, slack] = await Promise.all([
    databaseLine(config.databaseUrl),
    probeTelegram({ token: config.telegram.token, apiRoot: config.telegram.apiRoot }),
    probeSlack({ token: config.slack.token, apiUrl: config.slack.apiUrl, channels: [...channelTeams(config).keys()] }),
  ]);
  lines.push(database, ...telegramLines(config, telegram), ...slackLines(config, slack));
  return lines;
}

/** The lines as printed: one per check, `ok` or `FAIL` first. */
export function formatDoctorLine(line: DoctorLine): string {
  return `${line.ok ? "ok  " : "FAIL"}  ${line.check.padEnd(24)}  ${line.message}`;
}

const pass = (check: string, message: string): DoctorLine => ({ ok: true, check, message });
const fail = (check: string, message: string): DoctorLine => ({ ok: false, check, message });

async function databaseLine(url: string): Promise<DoctorLine> {
  const status = await databaseStatus(url);
  const name = status.kind === "sqlite" ? "SQLite" : "PostgreSQL";
  if (!status.reachable) return fail("database", `${name} could not be opened (${status.error}): check DATABASE_URL and that the server runs and accepts this user`);
  if (status.failed.length > 0) {
    return fail("database", `migration ${status.failed.join(", ")} started and never finished: start-up refuses to run; repair the schema by hand, then \`prisma migrate resolve\``);
  }
  if (!status.exists) return pass("database", `${name} file ${url.slice("file:".length)} does not exist yet: start-up creates it and applies ${status.pending.length} migration(s)`);
  const pending = status.pending.length === 0 ? "none pending" : `${status.pending.length} pending (${status.pending.at(-1)} the last): start-up or \`migrate\` applies them`;
  return pass("database", `${name}, ${status.applied.length} migration(s) applied, ${pending}`);
}

function telegramLines(config: Config, probe: TelegramProbe): DoctorLine[] {
  if (!probe.bot.ok) {
    const { status, description } = probe.bot;
    if (status === 401 || status === 404) return [fail("telegram bot", `Telegram refused TELEGRAM_BOT_TOKEN (${status} ${description}): copy the token again from @BotFather`)];
    if (status === null) return [fail("telegram bot", `Telegram could not be reached at ${config.telegram.apiRoot} (${description}): check TELEGRAM_API_ROOT and the network`)];
    return [fail("telegram bot", `getMe failed (${status} ${description}): try again; if it persists, check TELEGRAM_BOT_TOKEN`)];
  }
  const lines = [pass("telegram bot", `@${probe.bot.username} (id ${probe.bot.id})`)];
  const hook = probe.webhook;
  if (hook === null || !hook.ok) {
    lines.push(fail("telegram webhook", `getWebhookInfo failed (${hook ? `${hook.status ?? "no answer"} ${hook.description}` : "not asked"}): try again`));
    return lines;
  }
  lines.push(config.telegram.mode === "webhook" ? webhookModeLine(hook) : pollingModeLine(hook));
  return lines;
}

type WebhookState = Extract<TelegramProbe["webhook"], { ok: true }>;

const setWebhookHint = `register it with setWebhook, url=https://YOUR-HOST${telegramWebhookPath} and secret_token=$TELEGRAM_WEBHOOK_SECRET (README, "Creating the Telegram bot")`;

function webhookModeLine(hook: WebhookState): DoctorLine {
  if (hook.url === "") return fail("telegram webhook", `TELEGRAM_MODE is webhook but no webhook is set, so Telegram keeps owners' messages (${hook.pendingUpdateCount} waiting): ${setWebhookHint}`);
  if (!new URL(hook.url).pathname.endsWith(telegramWebhookPath)) {
    return fail("telegram webhook", `the webhook is ${hook.url}, which this service does not serve (it answers ${telegramWebhookPath}): ${setWebhookHint}`);
  }
  const missing = hook.allowedUpdates === null ? [] : ["message", "callback_query"].filter((type) => !hook.allowedUpdates?.includes(type));
  if (missing.length > 0) return fail("telegram webhook", `the webhook leaves out ${missing.join(" and ")} updates (allowed_updates): set it again without allowed_updates`);
  if (hook.lastError) {
    const wrongSecret = /\b401\b/.test(hook.lastError.message);
    const cause = wrongSecret
      ? `our service refused it as unauthorized: the secret_token registered is not TELEGRAM_WEBHOOK_SECRET; ${setWebhookHint}`
      : "check that the host is reachable from the internet with a valid certificate and the service runs; setting the webhook again clears this record";
    return fail("telegram webhook", `Telegram's last delivery to ${hook.url} failed at ${hook.lastError.at.toISOString()} (${hook.lastError.message}), ${hook.pendingUpdateCount} update(s) waiting: ${cause}`);
  }
  return pass(
    "telegram webhook",
    `${hook.url}, no failed delivery, ${hook.pendingUpdateCount} update(s) waiting; Telegram does not give the secret back: a wrong one would show here as a 401 delivery error`,
  );
}

function pollingModeLine(hook: WebhookState): DoctorLine {
  if (hook.url !== "") {
    return fail(
      "telegram webhook",
      `TELEGRAM_MODE is polling but a webhook is set (${hook.url}): Telegram refuses getUpdates while it is, and start-up would delete it; if another deployment uses it, set TELEGRAM_MODE=webhook here, otherwise deleteWebhook`,
    );
  }
  return pass("telegram webhook", `none set: updates come by long polling (${hook.pendingUpdateCount} waiting)`);
}

/** Each configured channel with the teams it serves, in the order of the teams. */
function channelTeams(config: Config): Map<string, Team[]> {
  const byChannel = new Map<string, Team[]>();
  for (const team of teams) {
    const channel = config.slack.channels[team];
    byChannel.set(channel, [...(byChannel.get(channel) ?? []), team]);
  }
  return byChannel;
}

function slackLines(config: Config, probe: SlackProbe): DoctorLine[] {
  const auth = probe.auth;
  if (!auth.ok) {
    if (["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"].includes(auth.error)) {
      return [fail("slack token", `Slack refused SLACK_BOT_TOKEN (${auth.error}): copy the Bot User OAuth Token again (OAuth & Permissions), or reinstall the app`)];
    }
    return [fail("slack token", `auth.test failed (${auth.error}): check SLACK_API_URL and the network`)];
  }
  if (!auth.botId || !auth.botUserId) return [fail("slack token", "SLACK_BOT_TOKEN is not a bot token (xoxb-...): auth.test returned no bot; use the Bot User OAuth Token")];
  const lines: DoctorLine[] = [];
  const mismatch = [
    config.slack.botId && config.slack.botId !== auth.botId ? `SLACK_BOT_ID is ${config.slack.botId}, the token's bot ${auth.botId}` : null,
    config.slack.botUserId && config.slack.botUserId !== auth.botUserId ? `SLACK_BOT_USER_ID is ${config.slack.botUserId}, the token's bot user ${auth.botUserId}` : null,
  ].filter((text) => text !== null);
  lines.push(
    mismatch.length > 0
      ? fail("slack token", `${mismatch.join("; ")}: correct them or leave them empty (they are then asked at start)`)
      : pass("slack token", `bot ${auth.botUserId} (${auth.botId})${auth.team ? ` in ${auth.team}` : ""}`),
  );
  if (auth.scopes === null) {
    lines.push(pass("slack scopes", `Slack did not list the token's scopes; it needs ${requiredSlackScopes.join(", ")}`));
  } else {
    const missing = requiredSlackScopes.filter((scope) => !auth.scopes?.includes(scope));
    lines.push(
      missing.length > 0
        ? fail("slack scopes", `the token lacks ${missing.join(", ")}: add it under OAuth & Permissions (slack-app-manifest.yaml lists them) and reinstall the app`)
        : pass("slack scopes", `${requiredSlackScopes.join(", ")} granted`),
    );
  }
  for (const [channel, served] of channelTeams(config)) lines.push(channelLine(channel, served, probe.channels.get(channel)));
  return lines;
}

function channelLine(channel: string, served: Team[], state: SlackProbe["channels"] extends Map<string, infer S> ? S | undefined : never): DoctorLine {
  const check = `slack channel ${channel}`;
  const variables = served.length === teams.length ? "SLACK_STAFF_CHANNEL" : served.map((team) => `SLACK_CHANNEL_${team.toUpperCase()}`).join(" or ");
  const teamsText = served.length === teams.length ? "every team" : served.join(", ");
  if (state === undefined) return fail(check, "not asked");
  if (!state.ok) {
    if (state.error === "channel_not_found") return fail(check, `no such channel visible to the bot (${teamsText}): check ${variables}, or invite the bot if it is private`);
    if (state.error === "missing_scope") {
      return fail(check, `cannot check the bot is in it: the token lacks ${state.needed ?? "channels:read"} (slack-app-manifest.yaml lists it); add it and reinstall the app, or check by hand`);
    }
    return fail(check, `conversations.info failed (${state.error}): try again`);
  }
  const name = state.name ? `#${state.name}` : channel;
  if (state.isArchived) return fail(check, `${name} is archived (${teamsText}): unarchive it or configure another channel in ${variables}`);
  if (!state.isMember) return fail(check, `the bot is not in ${name} (${teamsText}), so cards cannot be posted there: /invite @Front Desk in it`);
  return pass(check, `${name}, the bot is a member (${teamsText})`);
}
