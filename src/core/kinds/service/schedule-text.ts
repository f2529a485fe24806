import type { Locale } from "../../domain/registry.js";
import type { PackageSchedule } from "./details.js";

const weekdayNames: Record<Locale, readonly string[]> = {
  "zh-CN": ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
  en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
};

function ordinal(n: number): string {
  return `${n}${n === 1 ? "st" : n === 2 ? "nd" : n === 3 ? "rd" : "th"}`;
}

function englishList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * A package's visits as the owner reads them in their language: "每周一、周三 09:00" /
 * "every Monday and Wednesday at 09:00", or "每月第1、3个周六 09:00" / "the 1st and 3rd
 * Saturday of each month at 09:00".
 */
export function scheduleText(schedule: PackageSchedule, locale: Locale): string {
  const days = [...schedule.weekdays].sort((a, b) => a - b).map((weekday) => weekdayNames[locale][weekday - 1]!);
  const weeks = schedule.weeksOfMonth ? [...schedule.weeksOfMonth].sort((a, b) => a - b) : null;
  if (locale === "zh-CN") {
    return weeks ? `每月第${weeks.join("、")}个${days.join("、")} ${schedule.time}` : `每${days.join("、")} ${schedule.time}`;
  }
  return weeks ? `the ${englishList(weeks.map(ordinal))} ${englishList(days)} of each month at ${schedule.time}` : `every ${englishList(days)} at ${schedule.time}`;
}
