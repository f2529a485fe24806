import type { Case } from "../../src/core/case/case.js";
import type { ComplaintCase, ComplaintDetails } from "../../src/core/kinds/complaint/details.js";
import type { RepairCase, RepairDetails } from "../../src/core/kinds/repair/details.js";

type RepairOverrides = Partial<Omit<RepairCase, "details">> & { details?: Partial<RepairDetails> };

/** A new plumbing repair of unit 3-1202 reported on 2026-11-30 10:00 Shanghai; override what a test is about. */
export function aTicket(overrides: RepairOverrides = {}): RepairCase {
  const createdAt = new Date("2026-11-30T02:00:00Z");
  const { details, ...header } = overrides;
  return {
    id: "ticket-1",
    number: "R-2026-000001",
    kind: "repair",
    status: "new",
    team: "maintenance",
    unitId: "unit-1",
    reporterId: "resident-1",
    reporterUserId: "7001",
    assigneeId: null,
    linkedCaseId: null,
    createdAt,
    updatedAt: createdAt,
    closedAt: null,
    cancelReason: null,
    version: 1,
    ...header,
    details: {
      category: "plumbing",
      description: "Kitchen tap drips all night",
      photos: ["photo-1", "photo-2"],
      publicArea: null,
      preferredTime: "Tomorrow morning",
      appointmentAt: null,
      ownerTimeRequest: null,
      billing: "warranty",
      ownerFixedAnswer: null,
      completedAt: null,
      leakTestAt: null,
      intakeChannel: "telegram",
      chargeLines: [],
      ...details,
    },
  };
}

/** The same repair as the store holds it: details of unknown shape behind the case header. */
export function aCase(overrides: RepairOverrides = {}): Case {
  return aTicket(overrides);
}

type ComplaintOverrides = Partial<Omit<ComplaintCase, "details">> & { details?: Partial<ComplaintDetails> };

/** A noise complaint by unit 3-1202, received on 2026-11-30 10:00 Shanghai and not yet classified. */
export function aComplaint(overrides: ComplaintOverrides = {}): ComplaintCase {
  const createdAt = new Date("2026-11-30T02:00:00Z");
  const { details, ...header } = overrides;
  return {
    id: "complaint-1",
    number: "C-2026-000001",
    kind: "complaint",
    status: "received",
    team: "frontdesk",
    unitId: "unit-1",
    reporterId: "resident-1",
    reporterUserId: "7001",
    assigneeId: null,
    linkedCaseId: null,
    createdAt,
    updatedAt: createdAt,
    closedAt: null,
    cancelReason: null,
    version: 1,
    ...header,
    details: {
      subject: "noise",
      description: "Drilling from the unit above after 22:00 every night",
      whenWhere: "Every night this week, 3-1302",
      about: null,
      ownerRequest: "Ask them to stop after 22:00",
      ownerDeadline: null,
      photos: [],
      channel: "telegram",
      suggestedTier: "minor",
      tier: null,
      classifiedAt: null,
      department: null,
      acknowledgedAt: null,
      contactedAt: null,
      answer: null,
      answeredAt: null,
      resolution: null,
      resolvedAt: null,
      resolveBy: null,
      ownerVerdict: null,
      invalidReply: null,
      harmRepairId: null,
      ...details,
    },
  };
}
