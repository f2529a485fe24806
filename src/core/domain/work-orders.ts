/**
 * A work order (派工单): one visit of a service order, numbered after it (`S-2026-000123-01`),
 * opened only once its time is confirmed with the owner (PROCEDURES.md §4). A one-off service has
 * one (a new one if the owner reschedules after confirming); a monthly package has one per visit,
 * in the package register, numbered on from the package's previous visits.
 */
export const workOrderStatuses = [
  /** Its time is confirmed; the team comes then. */
  "scheduled",
  /** The owner asked for another time (a package visit announced the day before); the leader proposes one. */
  "rescheduling",
  /** The leader proposed a new time; the owner confirms it or asks again. */
  "proposed",
  "in_progress",
  /** The team finished; the owner inspects. */
  "done",
  "accepted",
  "cancelled",
] as const;
export type WorkOrderStatus = (typeof workOrderStatuses)[number];

export interface WorkOrder {
  id: string;
  caseId: string;
  number: string;
  /** The visit's place in its order's register: 1, 2, ... (the `-NN` of the number). */
  sequence: number;
  /** The confirmed time of the visit (while `proposed`, the time it had before). */
  scheduledAt: Date;
  /** The local month of `scheduledAt` (`YYYY-MM`): the register groups a package's visits by it. */
  month: string;
  status: WorkOrderStatus;
  /** The new time the leader proposed, while `proposed`. */
  proposedAt: Date | null;
  /** What the owner asked for instead, while `rescheduling`. */
  ownerTimeRequest: string | null;
  /** The owner's words when they reported a problem with the work; cleared when it is done again. */
  problemReport: string | null;
  startedAt: Date | null;
  completedAt: Date | null;
  acceptedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** `S-2026-000123` and 1 give `S-2026-000123-01`. */
export function workOrderNumber(caseNumber: string, sequence: number): string {
  return `${caseNumber}-${String(sequence).padStart(2, "0")}`;
}
