import { z } from "zod";

/** The visit slots an owner can pick from buttons. */
export const PreferredSlotSchema = z.enum(["today_pm", "tomorrow_am", "tomorrow_pm", "weekend"]);
export type PreferredSlot = z.infer<typeof PreferredSlotSchema>;

/** A slot the owner picked, with the calendar date (in the property's zone) it meant when picked. */
export interface SlotChoice {
  slot: PreferredSlot;
  /** `YYYY-MM-DD`. */
  date: string;
}

const encoded = /^slot:(today_pm|tomorrow_am|tomorrow_pm|weekend):(\d{4}-\d{2}-\d{2})$/;

/**
 * A preferred time is either the owner's own words, stored as typed, or a button they pressed,
 * stored as the choice (`slot:tomorrow_am:2026-12-05`) rather than as the words of the owner's
 * language: each reader (a Chinese card, an English owner) is shown it in their own language,
 * and days later it still names the day, not "tomorrow".
 */
export function encodeSlotChoice(choice: SlotChoice): string {
  return `slot:${choice.slot}:${choice.date}`;
}

/** The choice inside a stored preferred time, or null for the owner's own words. */
export function parseSlotChoice(value: string): SlotChoice | null {
  const match = encoded.exec(value);
  if (!match) return null;
  return { slot: match[1] as PreferredSlot, date: match[2] as string };
}
