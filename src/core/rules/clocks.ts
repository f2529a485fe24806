import type { ClockRule, ClockRuleId } from "../domain/clock.js";
import { repairClockRules } from "./repair-clocks.js";

/**
 * Every clock rule of the procedures, by id. A new procedure (complaint tiers, service orders,
 * the dunning ladder) adds its own rule set here and, if it needs one, a due effect in
 * run-due-work; the clock mechanism itself does not change.
 */
export const clockRules: Record<ClockRuleId, ClockRule> = { ...repairClockRules };
