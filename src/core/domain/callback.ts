import { z } from "zod";

export const CallbackOutcomeSchema = z.enum(["satisfied", "not_fixed", "no_answer"]);
export type CallbackOutcome = z.infer<typeof CallbackOutcomeSchema>;

export const CallbackStatusSchema = z.enum(["scheduled", "prompted", "done", "unreachable", "cancelled"]);
export type CallbackStatus = z.infer<typeof CallbackStatusSchema>;

/** The follow-up call (回访) every finished case gets, one per completion, whatever its kind. */
export interface Callback {
  id: string;
  caseId: string;
  dueAt: Date;
  status: CallbackStatus;
  attempts: number;
  outcome: CallbackOutcome | null;
  recordedBy: string | null;
  recordedAt: Date | null;
  createdAt: Date;
}
