import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, loadPlaygroundConfig, playgroundDatabaseUrl } from "../../src/config/config.js";

const live = {
  TELEGRAM_BOT_TOKEN: "123:abc",
  SLACK_BOT_TOKEN: "xoxb-1",
  SLACK_SIGNING_SECRET: "secret",
  SLACK_STAFF_CHANNEL: "C0STAFF",
};

describe("which product npm start runs", () => {
  it("with none of the platform credentials it is the playground, on its own database file", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: "playground", databaseUrl: playgroundDatabaseUrl, port: 3000, timeZone: "Asia/Shanghai" });
    expect(playgroundDatabaseUrl).not.toBe("file:./data/frontdesk.db");
  });

  it("the playground honours DATABASE_URL, PORT and the locales like the live product", () => {
    expect(loadConfig({ DATABASE_URL: "file:/tmp/x.db", PORT: "0", STAFF_LOCALE: "en", SLACK_STAFF_CHANNEL: "C1" })).toMatchObject({
      mode: "playground",
      databaseUrl: "file:/tmp/x.db",
      port: 0,
      staffLocale: "en",
    });
    expect(loadPlaygroundConfig({ DATABASE_URL: "  " }).databaseUrl).toBe(playgroundDatabaseUrl);
  });

  it("EMERGENCY_PHONE is the number urgent owners are shown; one that is not a phone number stops start-up naming it", () => {
    expect(loadConfig({ ...live, EMERGENCY_PHONE: "0755-8888 6666" })).toMatchObject({ emergencyPhone: "0755-8888 6666" });
    expect(loadConfig(live)).toMatchObject({ emergencyPhone: null });
    expect(() => loadConfig({ ...live, EMERGENCY_PHONE: "call us" })).toThrow(/EMERGENCY_PHONE/);
  });

  it("COMPANY_NAME signs the letters: a neutral 物业服务中心 unless set, and a name too long for a letterhead stops start-up naming it", () => {
    expect(loadConfig(live)).toMatchObject({ companyName: "物业服务中心" });
    expect(loadConfig({ ...live, COMPANY_NAME: " 绿城物业服务集团 " })).toMatchObject({ companyName: "绿城物业服务集团" });
    expect(() => loadConfig({ ...live, COMPANY_NAME: "物".repeat(101) })).toThrow(/COMPANY_NAME/);
  });

  it("with every credential and a channel it is the live product", () => {
    const config = loadConfig(live);
    expect(config.mode).toBe("live");
    if (config.mode !== "live") return;
    expect(config.telegram.token).toBe("123:abc");
    expect(config.slack.channels.maintenance).toBe("C0STAFF");
    expect(config.databaseUrl).toBe("file:./data/frontdesk.db");
  });

  it("with only some credentials it refuses and names exactly the missing ones, never falling back to fakes", () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: "123:abc", SLACK_STAFF_CHANNEL: "C1" })).toThrow(ConfigError);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: "123:abc", SLACK_STAFF_CHANNEL: "C1" })).toThrow(/missing required configuration: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET \(/);
    expect(() => loadConfig({ SLACK_SIGNING_SECRET: "s" })).toThrow(/TELEGRAM_BOT_TOKEN, SLACK_BOT_TOKEN, SLACK_STAFF_CHANNEL/);
  });

  it("in live mode a missing channel is named", () => {
    const { SLACK_STAFF_CHANNEL: _channel, ...withoutChannel } = live;
    expect(() => loadConfig(withoutChannel)).toThrow(/missing required configuration: SLACK_STAFF_CHANNEL/);
    expect(() => loadConfig({ ...withoutChannel, SLACK_CHANNEL_FRONTDESK: "C1" })).toThrow(/SLACK_CHANNEL_MAINTENANCE/);
  });

  it("a malformed variable stops start-up in either mode", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
  });

  it("QUIET_HOURS is the night owners get no reminders in: 21:00-08:00 unless set, and it must run over midnight", () => {
    expect(loadConfig({})).toMatchObject({ ownerHours: { start: 8 * 60, end: 21 * 60 } });
    expect(loadConfig({ QUIET_HOURS: "22:30-07:15" })).toMatchObject({ ownerHours: { start: 7 * 60 + 15, end: 22 * 60 + 30 } });
    expect(loadConfig({ QUIET_HOURS: "00:00-06:00" })).toMatchObject({ ownerHours: { start: 6 * 60, end: 24 * 60 } });
    expect(() => loadConfig({ QUIET_HOURS: "08:00-21:00" })).toThrow(/QUIET_HOURS: must run over midnight/);
    expect(() => loadConfig({ QUIET_HOURS: "25:00-07:00" })).toThrow(/QUIET_HOURS/);
  });

  it("the retention of delivered messages is 90 days unless RETENTION_DAYS says a whole number of days", () => {
    expect(loadConfig({})).toMatchObject({ retentionDays: 90 });
    expect(loadConfig({ RETENTION_DAYS: "30" })).toMatchObject({ retentionDays: 30 });
    expect(() => loadConfig({ RETENTION_DAYS: "0" })).toThrow(/RETENTION_DAYS must be at least 1/);
    expect(() => loadConfig({ RETENTION_DAYS: "1.5" })).toThrow(/RETENTION_DAYS must be a whole number of days/);
    expect(() => loadConfig({ RETENTION_DAYS: "forever" })).toThrow(/RETENTION_DAYS/);
  });

  it("staff working hours are 09:00-18:00 unless WORKING_HOURS says HH:MM-HH:MM; a bad value names the variable", () => {
    expect(loadConfig({})).toMatchObject({ workingHours: { start: 540, end: 1080 } });
    expect(loadConfig({ WORKING_HOURS: "08:30-17:00" })).toMatchObject({ workingHours: { start: 510, end: 1020 } });
    expect(() => loadConfig({ WORKING_HOURS: "18:00-09:00" })).toThrow(/WORKING_HOURS/);
  });
});

describe("the documented .env.example", () => {
  it("copied as it is to .env, starts the playground: blank variables count as unset", async () => {
    const { readFileSync } = await import("node:fs");
    const env = Object.fromEntries(
      readFileSync(".env.example", "utf8")
        .split("\n")
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    expect(env).toHaveProperty("STAFF_LOCALE", "");
    expect(loadConfig(env)).toMatchObject({ mode: "playground", databaseUrl: playgroundDatabaseUrl, timeZone: "Asia/Shanghai", staffLocale: "zh-CN" });
  });
});
