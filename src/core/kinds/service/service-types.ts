import type { PriceItem, PricingUnit } from "../../domain/prices.js";
import type { ServiceType } from "./details.js";

/** The teams that serve home services: their leaders price, schedule and dispatch. */
export type ServiceTeam = "cleaning" | "greening";

export interface ServiceTypeDefinition {
  team: ServiceTeam;
  /** A monthly package: its visits recur, its quote carries their weekdays and time. */
  isPackage: boolean;
  /** The standard's items the type offers: priced per this unit ... */
  pricingUnit: PricingUnit;
  /** ... and, when set, only those priced on site (true) or only those with a fixed price (false). */
  onsitePricing: boolean | null;
}

/**
 * What each bookable service is (PROCEDURES.md §4): the team that serves it and which items of
 * that team's published standard it offers. Whole-flat and move-in cleaning are priced on site by
 * the cleaning leader, by the square metre; hourly cleaning is hours times the hourly price; a
 * greening job is priced on site where the standard says so; packages are priced per month.
 */
export const serviceTypeDefinitions: Record<ServiceType, ServiceTypeDefinition> = {
  cleaning_monthly: { team: "cleaning", isPackage: true, pricingUnit: "month", onsitePricing: null },
  cleaning_whole_flat: { team: "cleaning", isPackage: false, pricingUnit: "m2", onsitePricing: true },
  cleaning_hourly: { team: "cleaning", isPackage: false, pricingUnit: "hour", onsitePricing: null },
  greening_one_off: { team: "greening", isPackage: false, pricingUnit: "visit", onsitePricing: null },
  greening_monthly: { team: "greening", isPackage: true, pricingUnit: "month", onsitePricing: null },
};

/** Whether the service type offers this item of the price standard. */
export function offersItem(serviceType: ServiceType, item: Pick<PriceItem, "team" | "pricingUnit" | "onsitePricing">): boolean {
  const definition = serviceTypeDefinitions[serviceType];
  return (
    item.team === definition.team &&
    item.pricingUnit === definition.pricingUnit &&
    (definition.onsitePricing === null || item.onsitePricing === definition.onsitePricing)
  );
}

/** The team a service type goes to. */
export function serviceTeamOf(serviceType: ServiceType): ServiceTeam {
  return serviceTypeDefinitions[serviceType].team;
}
