import type { ComplaintSubject, ComplaintTier } from "./details.js";

/**
 * Words that make a complaint major whatever its subject: it affects residents' safety or daily
 * life (PROCEDURES.md §2). Substrings, case-insensitive (Chinese has no word breaks); a false
 * alarm is one click to reclassify, a missed one is a manager told too late.
 */
export const majorWords = ["fire", "gas", "injur", "flood", "smoke", "火", "煤气", "燃气", "受伤", "漏水", "触电", "困梯", "electric shock"] as const;

/** What the subject alone suggests: staff attitude and fees are the company's own mistakes. */
const bySubject: Record<ComplaintSubject, ComplaintTier> = {
  noise: "minor",
  hygiene: "minor",
  security: "major",
  staff_attitude: "service_error",
  facilities: "minor",
  fees: "service_error",
  neighbours: "minor",
  other: "minor",
};

/** The tier the card suggests to the front desk, which decides. */
export function suggestTier(subject: ComplaintSubject, texts: readonly string[]): ComplaintTier {
  const lower = texts.join("\n").toLowerCase();
  if (majorWords.some((word) => lower.includes(word))) return "major";
  return bySubject[subject];
}
