import { InlineKeyboard } from "grammy";
import type { z } from "zod";
import { encodeSlotChoice } from "../../../../core/domain/preferred-time.js";
import type { WorkflowContext } from "../../../../core/ports/workflow-context.js";
import { encodeCallbackData, PreferredSlotSchema, type PreferredSlot } from "../../callback-data.js";
import type { Dialog, OwnerConversation } from "../dialog.js";

/** The property's clock, read through `conversation.external` so a replay sees the same instant. */
export interface ConversationClock {
  now(): Promise<Date>;
  timeZone: string;
}

/** The workflow's clock as a conversation must read it. */
export function conversationClock(conversation: OwnerConversation, workflow: Pick<WorkflowContext, "time" | "timeZone">): ConversationClock {
  return {
    now: async () => new Date(await conversation.external(() => workflow.time.now().toISOString())),
    timeZone: workflow.timeZone,
  };
}

const slotOffsets: Record<Exclude<PreferredSlot, "weekend">, number> = { today_pm: 0, tomorrow_am: 1, tomorrow_pm: 1 };

/**
 * The calendar date (`YYYY-MM-DD`) a slot button means when pressed, counted in the property's
 * zone: staff read the request days later, when "tomorrow" no longer says which day. The weekend
 * is the coming Saturday (today, if it is already the weekend).
 */
export function slotDate(slot: PreferredSlot, now: Date, timeZone: string): string {
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
    .format(now)
    .split("-")
    .map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const offset = slot === "weekend" ? (weekday === 0 || weekday === 6 ? 0 : 6 - weekday) : slotOffsets[slot];
  return new Date(Date.UTC(year, month - 1, day + offset, 12)).toISOString().slice(0, 10);
}

/** What to ask for a preferred time, and the rule the owner's own words must pass. */
export interface PreferredTimeQuestion {
  promptKey: string;
  params?: Record<string, string>;
  /** The use case's schema for the time, so a problem is told at this step, not at submit. */
  text: z.ZodType<string>;
}

/**
 * Slot buttons, or the owner's own words. A slot is returned as the choice with its date (see
 * `encodeSlotChoice`), which every reader sees worded in their own language.
 */
export async function askPreferredTime(dialog: Dialog, clock: ConversationClock, question: PreferredTimeQuestion): Promise<string> {
  const keyboard = new InlineKeyboard();
  PreferredSlotSchema.options.forEach((slot, index) => {
    if (index > 0 && index % 2 === 0) keyboard.row();
    keyboard.text(dialog.t(`owner:report.slots.${slot}`), encodeCallbackData({ type: "time", slot }));
  });
  const prompt = await dialog.say(dialog.t(question.promptKey, question.params), { reply_markup: keyboard });
  const choice = await dialog.choose<{ slot: PreferredSlot } | { text: string }>((answer) => {
    if (answer.kind === "button" && answer.data.type === "time") return { slot: answer.data.slot };
    if (answer.kind !== "text") return undefined;
    const parsed = question.text.safeParse(answer.text);
    return parsed.success ? { text: parsed.data } : undefined;
  }, "owner:report.time_hint");
  const preferredTime = "slot" in choice ? encodeSlotChoice({ slot: choice.slot, date: slotDate(choice.slot, await clock.now(), clock.timeZone) }) : choice.text;
  await dialog.settle(prompt, dialog.t("common:preferred_time", { time: preferredTime }));
  return preferredTime;
}
