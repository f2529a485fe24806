import type { Ticket } from "../../src/core/domain/ticket.js";

/** A new plumbing repair of unit 3-1202 reported on 2026-11-30 10:00 Shanghai; override what a test is about. */
export function aTicket(overrides: Partial<Ticket> = {}): Ticket {
  const createdAt = new Date("2026-11-30T02:00:00Z");
  return {
    id: "ticket-1",
    number: "R-2026-000001",
    kind: "repair",
    category: "plumbing",
    description: "Kitchen tap drips all night",
    photos: ["photo-1", "photo-2"],
    unitId: "unit-1",
    publicArea: null,
    reporterId: "resident-1",
    reporterUserId: "7001",
    preferredTime: "Tomorrow morning",
    appointmentAt: null,
    ownerTimeRequest: null,
    assigneeId: null,
    team: "maintenance",
    status: "new",
    billing: "warranty",
    ownerFixedAnswer: null,
    cancelReason: null,
    createdAt,
    updatedAt: createdAt,
    completedAt: null,
    leakTestAt: null,
    closedAt: null,
    version: 1,
    ...overrides,
  };
}
