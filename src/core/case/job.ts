import { z } from "zod";

/**
 * Work that must happen later. Clock jobs fire a clock's due effect or its breach; task jobs run
 * a registered task (a kind's recurring work such as a monthly package's visits, or the system's
 * own housekeeping), optionally about one case.
 */
export const JobPayloadSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("clock.due"), clockId: z.string() }),
  z.object({ type: z.literal("clock.breach"), clockId: z.string() }),
  z.object({
    type: z.literal("task"),
    /** A task id of the registry, `<kind or system>.<name>`. */
    task: z.string(),
    caseId: z.string().nullable().default(null),
    data: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  }),
]);
export type JobPayload = z.infer<typeof JobPayloadSchema>;
export type TaskJobPayload = Extract<JobPayload, { type: "task" }>;

/** Written in the same transaction as the change that caused it. */
export interface Job {
  id: string;
  payload: JobPayload;
  runAt: Date;
  status: "pending" | "running" | "done" | "failed";
  attempts: number;
  lastError: string | null;
}
