import { z } from "zod";

export const JobPayloadSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("clock.due"), clockId: z.string() }),
  z.object({ type: z.literal("clock.breach"), clockId: z.string() }),
]);
export type JobPayload = z.infer<typeof JobPayloadSchema>;

/** Work that must happen later, written in the same transaction as the change that caused it. */
export interface Job {
  id: string;
  payload: JobPayload;
  runAt: Date;
  status: "pending" | "running" | "done" | "failed";
  attempts: number;
  lastError: string | null;
}
