import type { Case } from "../../src/core/case/case.js";
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
      ...details,
    },
  };
}

/** The same repair as the store holds it: details of unknown shape behind the case header. */
export function aCase(overrides: RepairOverrides = {}): Case {
  return aTicket(overrides);
}
