import { afterEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { scheduleModal } from "../../../src/adapters/slack/kinds/repair/schedule-modal.js";
import { repairCard } from "../../../src/adapters/slack/kinds/repair/card.js";
import { aRepairView, aTicket, expectNoMissingKeys, testTranslator } from "./staff-text.js";

afterEach(expectNoMissingKeys);

const translator = testTranslator();
const chinese = { t: (key: string, params?: Record<string, unknown>) => translator.t("zh-CN", key, params as never), formatInstant: (at: Date) => translator.formatInstant("zh-CN", at) };
const json = (path: string) => JSON.stringify(JSON.parse(readFileSync(path, "utf8")));

describe("staff Chinese reads as a property company's front desk writes it", () => {
  it("the schedule modal names the zone 北京时间, never Asia/Shanghai", () => {
    const view = scheduleModal({ repair: aTicket(), initial: { date: "2026-12-01", time: "10:00" }, timeZone: "Asia/Shanghai", locale: "zh-CN", metadata: { ticketId: "ticket-1", channel: "C1" } }, chinese.t);

    const labels = view.blocks.map((block) => JSON.stringify((block as { label?: unknown }).label ?? (block as { elements?: unknown }).elements ?? (block as { text?: unknown }).text)).join("\n");
    expect(labels).toContain("时间（北京时间）");
    // The picker itself keeps the IANA zone: that is Slack's field, not a word staff read.
    expect(labels).not.toContain("Asia/Shanghai");
  });

  it("a property in another zone sees the zone's own name in the staff's language, not its IANA id", () => {
    const tokyo = (locale: string, t: typeof chinese.t) =>
      JSON.stringify(scheduleModal({ repair: aTicket(), initial: { date: "2026-12-01", time: "10:00" }, timeZone: "Asia/Tokyo", locale, metadata: { ticketId: "ticket-1", channel: "C1" } }, t).blocks);

    expect(tokyo("zh-CN", chinese.t)).toContain("时间（日本标准时间）");
    expect(tokyo("en", (key, params) => translator.t("en", key, params as never))).toContain("Time (Japan Standard Time)");
  });

  it("the card is a 维修工作单 and a closed repair reads 已结单", () => {
    const card = repairCard(aRepairView({ subject: { status: "closed" } }), chinese.t, chinese.formatInstant);

    expect(JSON.stringify(card.blocks)).toContain("维修工作单 R-2026-000001");
    expect(card.text).toContain("已结单");
  });

  it("team names are words, never raw ids, and the leader is always 组长", () => {
    expect(chinese.t("staff:errors.no_team_members", { team: chinese.t("staff:teams.maintenance") })).toBe("维修部还没有登记人员。");
    const staff = json("locales/zh-CN/staff.json");
    expect(staff).not.toMatch(/主管|\{\{team\}\} ?组/);
  });

  it("owner notices carry no brackets inside brackets, and English says 'This afternoon'", () => {
    const owner = JSON.parse(readFileSync("locales/zh-CN/owner.json", "utf8")) as { repair: Record<string, string> };
    for (const [key, text] of Object.entries(owner.repair)) {
      const rendered = text.replace(/\$t\(common:billing\.\{\{billing\}\}\)/g, "免费（保修期内）");
      expect(rendered, key).not.toMatch(/（[^）]*（|【[^】]*【/);
    }
    expect(json("locales/en/owner.json")).toContain("\"today_pm\":\"This afternoon\"");
  });
});
