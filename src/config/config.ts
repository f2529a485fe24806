import { z } from "zod";
import { LocaleSchema, teams, type Team } from "../core/domain/registry.js";
import { defaultCompanyName } from "../core/ports/workflow-context.js";
import { defaultOwnerHours, defaultWorkingHours, QuietHoursSchema, type WorkingHours, WorkingHoursSchema } from "../core/domain/working-hours.js";

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const TimeZoneSchema = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as Asia/Shanghai");

const teamChannelVariables = Object.fromEntries(teams.map((team) => [`SLACK_CHANNEL_${team.toUpperCase()}`, optionalText])) as Record<
  `SLACK_CHANNEL_${Uppercase<Team>}`,
  typeof optionalText
>;

/** The environment, read once at start; nothing else in the program reads `process.env`. */
export const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .default("file:./data/frontdesk.db")
    .refine((url) => url.startsWith("file:") || /^postgres(ql)?:\/\//.test(url), "must be file:PATH (SQLite) or postgresql://..."),
  TELEGRAM_BOT_TOKEN: optionalText,
  TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
  TELEGRAM_MODE: z.enum(["polling", "webhook"]).default("polling"),
  TELEGRAM_WEBHOOK_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: z.url().default("https://slack.com/api/"),
  SLACK_STAFF_CHANNEL: optionalText,
  SLACK_BOT_ID: optionalText,
  SLACK_BOT_USER_ID: optionalText,
  ...teamChannelVariables,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  FRONTDESK_TIMEZONE: TimeZoneSchema.default("Asia/Shanghai"),
  DEFAULT_LOCALE: LocaleSchema.default("zh-CN"),
  STAFF_LOCALE: LocaleSchema.optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  WORKING_HOURS: WorkingHoursSchema.default(defaultWorkingHours),
  QUIET_HOURS: QuietHoursSchema.default(defaultOwnerHours),
  EMERGENCY_PHONE: z
    .string()
    .trim()
    .regex(/^\+?[\d][\d\s()-]{1,24}$/, "EMERGENCY_PHONE must be a phone number (digits, spaces, dashes, a leading +)")
    .optional(),
  COMPANY_NAME: z.string().trim().min(1).max(100, "COMPANY_NAME must be at most 100 characters").default(defaultCompanyName),
  RETENTION_DAYS: z.coerce.number().int("RETENTION_DAYS must be a whole number of days").min(1, "RETENTION_DAYS must be at least 1").max(3650).default(90),
});
export type Env = z.infer<typeof EnvSchema>;

/** What the admin command line needs: the database and the property's calendar. */
export interface BaseConfig {
  databaseUrl: string;
  port: number;
  timeZone: string;
  defaultLocale: Env["DEFAULT_LOCALE"];
  staffLocale: Env["DEFAULT_LOCALE"];
  logLevel: Env["LOG_LEVEL"];
  /** Days sent messages and finished jobs are kept before the nightly prune deletes them. */
  retentionDays: number;
  /** When prompts, retries and escalations may reach staff (urgent cases excepted). */
  workingHours: WorkingHours;
  /** When reminders may reach owners: every hour outside `QUIET_HOURS`. */
  ownerHours: WorkingHours;
  /** The property's emergency number, shown at once to an owner whose words sound urgent; null: none configured. */
  emergencyPhone: string | null;
  /** The management company's name, as receipts and demand letters are signed. */
  companyName: string;
}

export interface Config extends BaseConfig {
  telegram: { token: string; apiRoot: string; mode: "polling" | "webhook"; webhookSecret: string | undefined };
  slack: {
    token: string;
    signingSecret: string;
    apiUrl: string;
    botId: string | undefined;
    botUserId: string | undefined;
    /** Channel per team: the team's own channel if configured, else the staff channel. */
    channels: Record<Team, string>;
  };
}

/**
 * No platform credentials at all: the local playground runs the product against in-process fakes
 * of both platforms with demo data, on its own database file (see {@link playgroundDatabaseUrl}).
 */
export interface PlaygroundConfig extends BaseConfig {
  mode: "playground";
}

/** What `npm start` runs: the real platforms, or the playground when no credential is set. */
export type StartConfig = ({ mode: "live" } & Config) | PlaygroundConfig;

/**
 * The playground's database when `DATABASE_URL` is not set. Not the live default on purpose:
 * forgetting `.env` must not pour demo owners into the company's real register.
 */
export const playgroundDatabaseUrl = "file:./data/playground.db";

/** The credentials whose total absence means "playground"; any one of them means "live". */
const credentialVariables = ["TELEGRAM_BOT_TOKEN", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"] as const;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Parses the environment into the program's configuration, or throws one ConfigError whose
 * message names every variable that is wrong or missing. With none of the platform credentials
 * set it is the playground; with some but not all, the error names the missing ones, because a
 * half-configured deployment must never fall back to fakes silently. Pure: nothing read from disk.
 */
export function loadConfig(env: Record<string, string | undefined>): StartConfig {
  const e = parseEnv(env);
  if (credentialVariables.every((name) => !e[name])) return loadPlaygroundConfig(env);
  return { mode: "live", ...loadLiveConfig(e) };
}

/** The playground's configuration (also for `demo reset`): the base settings on the playground's database. */
export function loadPlaygroundConfig(env: Record<string, string | undefined>): PlaygroundConfig {
  const e = parseEnv({ ...env, DATABASE_URL: env.DATABASE_URL?.trim() || playgroundDatabaseUrl });
  return { mode: "playground", ...baseOf(e) };
}

function loadLiveConfig(e: Env): Config {
  const missing: string[] = [];
  const need = (name: keyof Env, value: string | undefined): string => {
    if (!value) missing.push(name);
    return value ?? "";
  };
  const telegramToken = need("TELEGRAM_BOT_TOKEN", e.TELEGRAM_BOT_TOKEN);
  if (e.TELEGRAM_MODE === "webhook") need("TELEGRAM_WEBHOOK_SECRET", e.TELEGRAM_WEBHOOK_SECRET);
  const slackToken = need("SLACK_BOT_TOKEN", e.SLACK_BOT_TOKEN);
  const signingSecret = need("SLACK_SIGNING_SECRET", e.SLACK_SIGNING_SECRET);
  const channels = Object.fromEntries(teams.map((team) => [team, e[`SLACK_CHANNEL_${team.toUpperCase()}` as keyof Env] ?? e.SLACK_STAFF_CHANNEL])) as Record<
    Team,
    string | undefined
  >;
  const teamsWithoutChannel = teams.filter((team) => !channels[team]);
  if (teamsWithoutChannel.length > 0) {
    missing.push(teamsWithoutChannel.length === teams.length ? "SLACK_STAFF_CHANNEL" : `SLACK_STAFF_CHANNEL (or ${teamsWithoutChannel.map((team) => `SLACK_CHANNEL_${team.toUpperCase()}`).join(", ")})`);
  }
  if (missing.length > 0) {
    throw new ConfigError(`missing required configuration: ${missing.join(", ")} (see .env.example and the README)`);
  }
  return {
    ...baseOf(e),
    telegram: { token: telegramToken, apiRoot: e.TELEGRAM_API_ROOT, mode: e.TELEGRAM_MODE, webhookSecret: e.TELEGRAM_WEBHOOK_SECRET },
    slack: {
      token: slackToken,
      signingSecret,
      apiUrl: e.SLACK_API_URL,
      botId: e.SLACK_BOT_ID,
      botUserId: e.SLACK_BOT_USER_ID,
      channels: channels as Record<Team, string>,
    },
  };
}

/** The configuration of the admin command line, which never talks to Telegram or Slack itself. */
export function loadBaseConfig(env: Record<string, string | undefined>): BaseConfig {
  return baseOf(parseEnv(env));
}

function parseEnv(env: Record<string, string | undefined>): Env {
  // A blank `NAME=` line (as in .env.example) means "not set", never "set to the empty string".
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""));
  const parsed = EnvSchema.safeParse(given);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n"));
  }
  return parsed.data;
}

function baseOf(e: Env): BaseConfig {
  return {
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    timeZone: e.FRONTDESK_TIMEZONE,
    defaultLocale: e.DEFAULT_LOCALE,
    staffLocale: e.STAFF_LOCALE ?? e.DEFAULT_LOCALE,
    logLevel: e.LOG_LEVEL,
    retentionDays: e.RETENTION_DAYS,
    workingHours: e.WORKING_HOURS,
    ownerHours: e.QUIET_HOURS,
    emergencyPhone: e.EMERGENCY_PHONE ?? null,
    companyName: e.COMPANY_NAME,
  };
}
