import { z } from "zod";
import type { Actor } from "../../case/case.js";
import type { CaseKind } from "../../case/kind.js";
import { openCase } from "../../case/machinery/open-case.js";
import { WorkflowError } from "../../domain/errors.js";
import { formatFen } from "../../domain/money.js";
import { type PriceItem, PriceCodeSchema } from "../../domain/prices.js";
import type { Resident, Unit } from "../../domain/registry.js";
import type { Store } from "../../ports/store.js";
import type { IntakeChannel } from "../repair/details.js";
import { type ServiceCase, type ServiceDetails, ServiceTypeSchema } from "./details.js";
import { estimateService } from "./estimate.js";
import { offersItem, serviceTypeDefinitions } from "./service-types.js";

/** What a service booking says, however it was taken: the bot and the front desk's form share these rules. */
export const serviceRequestFields = {
  serviceType: ServiceTypeSchema,
  priceCode: PriceCodeSchema,
  /** Floor area, m²; null takes the unit's area where the item is priced per m². */
  areaM2: z.number().positive().max(10_000).nullable().default(null),
  hours: z.number().positive().max(24).nullable().default(null),
  specialRequests: z.string().trim().max(1000).default(""),
  preferredTime: z.string().trim().min(1).max(300),
};

export interface ServiceRequest {
  serviceType: ServiceDetails["serviceType"];
  priceCode: string;
  areaM2: number | null;
  hours: number | null;
  specialRequests: string;
  preferredTime: string;
}

/** The request's own fields out of a use case's input. */
export function serviceRequestOf(input: ServiceRequest): ServiceRequest {
  const { serviceType, priceCode, areaM2, hours, specialRequests, preferredTime } = input;
  return { serviceType, priceCode, areaM2, hours, specialRequests, preferredTime };
}

/** The standard's item the booking names, refused as `invalid_input` when the service type does not offer it. */
export async function requireOfferedItem(store: Store, request: Pick<ServiceRequest, "serviceType" | "priceCode">): Promise<PriceItem> {
  const item = await store.prices.findByCode(request.priceCode);
  if (!item || !offersItem(request.serviceType, item)) {
    throw new WorkflowError("invalid_input", `${request.priceCode} is not offered for ${request.serviceType}`, { reason: "priceCode", field: "priceCode" });
  }
  return item;
}

export interface NewService extends ServiceRequest {
  unit: Unit;
  reporter: Resident;
  reporterUserId: string | null;
  photos: readonly string[];
  channel: IntakeChannel;
  actor: Actor;
}

/**
 * Registers a service order however it was taken (PROCEDURES.md §4, 登记): numbered
 * `S-YYYY-NNNNNN`, for the team the type goes to, with the standard's estimate where it gives
 * one. A one-off with a fixed price is agreed at that price at once (the leader may still quote);
 * an item priced on site and a package wait for the leader's quote.
 */
export async function createService(store: Store, kind: CaseKind, input: NewService, now: Date, timeZone: string): Promise<ServiceCase> {
  const definition = serviceTypeDefinitions[input.serviceType];
  const item = await requireOfferedItem(store, input);
  const areaM2 = input.areaM2 ?? (item.pricingUnit === "m2" ? input.unit.areaM2 : null);
  const { estimateFen } = estimateService(item, { areaM2, hours: input.hours });
  return openCase<ServiceDetails>(store, kind, {
    unit: input.unit,
    reporter: input.reporter,
    reporterUserId: input.reporterUserId,
    team: definition.team,
    actor: input.actor,
    channel: input.channel,
    photos: input.photos,
    details: {
      serviceType: input.serviceType,
      priceCode: item.code,
      isPackage: definition.isPackage,
      onsitePricing: item.onsitePricing,
      areaM2,
      hours: item.pricingUnit === "hour" ? input.hours : null,
      specialRequests: input.specialRequests,
      preferredTime: input.preferredTime,
      estimateFen,
      siteVisitAt: null,
      quoteLines: [],
      quoteTotalFen: null,
      quoteAnswer: null,
      agreedFen: !definition.isPackage && !item.onsitePricing ? estimateFen : null,
      packageSchedule: null,
      appointmentAt: null,
      ownerTimeRequest: null,
      completedAt: null,
      acceptedAt: null,
      problemReport: null,
      endedAt: null,
      intakeChannel: input.channel,
    },
  }, now, timeZone);
}

/** The owner's notice of a new order: its estimate, or that the price is set on site. */
export function receivedNotice(order: ServiceCase, suffix = ""): { key: string; params: Record<string, string> } {
  const { estimateFen } = order.details;
  if (estimateFen === null) return { key: `service.received_onsite${suffix}`, params: {} };
  return { key: `service.received${suffix}`, params: { estimate: formatFen(estimateFen) } };
}
