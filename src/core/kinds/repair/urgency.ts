/**
 * Words that mean harm may be happening now: a burst pipe, a leak, fire, gas, a power cut.
 * PROCEDURES.md §2: "If harm is ongoing (a leak flooding a flat), stop the harm first, then
 * process the complaint" - so an owner who writes one of them is given the property's emergency
 * number at once, before any form. Matched as substrings, case-insensitively: Chinese has no
 * word breaks, and a false alarm costs one extra line while a missed one costs a flooded flat.
 */
export const urgentWords = ["爆", "漏水", "火", "煤气", "燃气", "停电", "flood", "fire", "gas", "burst", "smoke"] as const;

/** Whether an owner's own words sound like harm happening now (see {@link urgentWords}). */
export function soundsUrgent(text: string): boolean {
  const lower = text.toLowerCase();
  return urgentWords.some((word) => lower.includes(word));
}
