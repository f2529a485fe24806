import { z } from "zod";
import { WorkflowError } from "../../core/domain/errors.js";
import { TeamSchema } from "../../core/domain/registry.js";
import {
  ActorSchema,
  BillingSchema,
  FixedAnswerSchema,
  RepairCategorySchema,
  TicketKindSchema,
  TicketStatusSchema,
  type Actor,
  type Ticket,
  type TicketEvent,
} from "../../core/domain/ticket.js";
import type { TicketRepository } from "../../core/ports/store.js";
import type { Ticket as TicketRow, TicketEvent as EventRow } from "../../generated/sqlite/client.js";
import { parseJson, type RepositoryContext } from "./prisma-client.js";

const PhotosSchema = z.array(z.string());
const EventDataSchema = z.record(z.string(), z.unknown());

function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    number: row.number,
    kind: TicketKindSchema.parse(row.kind),
    category: RepairCategorySchema.parse(row.category),
    description: row.description,
    photos: PhotosSchema.parse(parseJson(row.photos, "tickets.photos")),
    unitId: row.unitId,
    publicArea: row.publicArea,
    reporterId: row.reporterId,
    reporterUserId: row.reporterUserId,
    preferredTime: row.preferredTime,
    appointmentAt: row.appointmentAt,
    ownerTimeRequest: row.ownerTimeRequest,
    assigneeId: row.assigneeId,
    team: TeamSchema.parse(row.team),
    status: TicketStatusSchema.parse(row.status),
    billing: BillingSchema.parse(row.billing),
    ownerFixedAnswer: row.ownerFixedAnswer === null ? null : FixedAnswerSchema.parse(row.ownerFixedAnswer),
    cancelReason: row.cancelReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    completedAt: row.completedAt,
    leakTestAt: row.leakTestAt,
    closedAt: row.closedAt,
    version: row.version,
  };
}

/** Every column but the id, for create and update alike. */
function ticketColumns(ticket: Ticket) {
  return {
    number: ticket.number,
    kind: ticket.kind,
    category: ticket.category,
    description: ticket.description,
    photos: JSON.stringify(ticket.photos),
    unitId: ticket.unitId,
    publicArea: ticket.publicArea,
    reporterId: ticket.reporterId,
    reporterUserId: ticket.reporterUserId,
    preferredTime: ticket.preferredTime,
    appointmentAt: ticket.appointmentAt,
    ownerTimeRequest: ticket.ownerTimeRequest,
    assigneeId: ticket.assigneeId,
    team: ticket.team,
    status: ticket.status,
    billing: ticket.billing,
    ownerFixedAnswer: ticket.ownerFixedAnswer,
    cancelReason: ticket.cancelReason,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    completedAt: ticket.completedAt,
    leakTestAt: ticket.leakTestAt,
    closedAt: ticket.closedAt,
    version: ticket.version,
  };
}

function toEvent(row: EventRow): TicketEvent {
  const actor: Actor = ActorSchema.parse(row.actorType === "system" ? { type: "system" } : { type: row.actorType, id: row.actorId });
  return {
    id: row.id,
    ticketId: row.ticketId,
    at: row.at,
    actor,
    type: row.type,
    fromStatus: row.fromStatus === null ? null : TicketStatusSchema.parse(row.fromStatus),
    toStatus: row.toStatus === null ? null : TicketStatusSchema.parse(row.toStatus),
    data: EventDataSchema.parse(parseJson(row.data, "ticket_events.data")),
  };
}

/**
 * Tickets, their history and the numbering counters.
 *
 * `update` is a compare-and-set on `version` (UPDATE ... WHERE id AND version = expected), so two
 * staff clicking at once cannot both win: the loser gets WorkflowError `conflict`.
 * `nextSequence` is one `INSERT ... ON CONFLICT DO UPDATE ... RETURNING` statement, atomic on
 * both databases (a row, not a database sequence: a rolled-back transaction hands its number out
 * again, as the in-memory store does, since nothing was created with it).
 */
export function prismaTicketRepository({ tx }: RepositoryContext): TicketRepository {
  return {
    async nextSequence(name) {
      const rows = await tx.$queryRaw<Array<{ value: number | bigint }>>`
        INSERT INTO "sequences" ("name", "value") VALUES (${name}, 1)
        ON CONFLICT ("name") DO UPDATE SET "value" = "sequences"."value" + 1
        RETURNING "value"`;
      const value = rows[0]?.value;
      if (value === undefined) throw new Error(`sequence ${name} returned no value`);
      return Number(value);
    },
    async create(ticket) {
      await tx.ticket.create({ data: { id: ticket.id, ...ticketColumns(ticket) } });
    },
    async findById(id) {
      const row = await tx.ticket.findUnique({ where: { id } });
      return row ? toTicket(row) : null;
    },
    async findByNumber(number) {
      const row = await tx.ticket.findUnique({ where: { number } });
      return row ? toTicket(row) : null;
    },
    async update(ticket) {
      const { count } = await tx.ticket.updateMany({
        where: { id: ticket.id, version: ticket.version - 1 },
        data: ticketColumns(ticket),
      });
      if (count === 0) {
        throw new WorkflowError("conflict", `ticket ${ticket.id} changed since it was read (expected version ${ticket.version - 1})`, {
          number: ticket.number,
        });
      }
    },
    async listByReporter(reporterId, limit) {
      const rows = await tx.ticket.findMany({
        where: { reporterId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: Math.max(0, limit),
      });
      return rows.map(toTicket);
    },
    async appendEvent(event) {
      await tx.ticketEvent.create({
        data: {
          id: event.id,
          ticketId: event.ticketId,
          at: event.at,
          actorType: event.actor.type,
          actorId: event.actor.type === "system" ? null : event.actor.id,
          type: event.type,
          fromStatus: event.fromStatus,
          toStatus: event.toStatus,
          data: JSON.stringify(event.data),
        },
      });
    },
    async listEvents(ticketId, limit) {
      if (limit === undefined) {
        const rows = await tx.ticketEvent.findMany({ where: { ticketId }, orderBy: [{ at: "asc" }, { seq: "asc" }] });
        return rows.map(toEvent);
      }
      const latest = await tx.ticketEvent.findMany({
        where: { ticketId },
        orderBy: [{ at: "desc" }, { seq: "desc" }],
        take: Math.max(0, limit),
      });
      return latest.reverse().map(toEvent);
    },
  };
}
