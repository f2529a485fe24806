import { WorkflowError } from "../../domain/errors.js";
import type { PriceItem } from "../../domain/prices.js";
import { type ChargeLine, lineAmountFen } from "../../domain/receipts.js";

export interface ServiceQuantities {
  areaM2: number | null;
  hours: number | null;
}

/** One line of a quote or a receipt: `quantity` of the standard's item at its price. */
export function chargeLine(item: Pick<PriceItem, "code" | "nameZh" | "nameEn" | "priceFen">, quantity: number): ChargeLine {
  return { code: item.code, nameZh: item.nameZh, nameEn: item.nameEn, quantity, unitPriceFen: item.priceFen, amountFen: lineAmountFen(quantity, item.priceFen) };
}

/**
 * How much of an item a booking is: the area for a price per square metre, the hours for an
 * hourly price, one visit or one month otherwise. A quantity the price needs but the booking
 * lacks is `invalid_input` naming the field.
 */
export function bookedQuantity(item: Pick<PriceItem, "code" | "pricingUnit">, quantities: ServiceQuantities): number {
  switch (item.pricingUnit) {
    case "m2":
      if (quantities.areaM2 === null) throw new WorkflowError("invalid_input", `${item.code} is priced per m², no area given`, { reason: "areaM2", field: "areaM2" });
      return quantities.areaM2;
    case "hour":
      if (quantities.hours === null) throw new WorkflowError("invalid_input", `${item.code} is priced per hour, no hours given`, { reason: "hours", field: "hours" });
      return quantities.hours;
    case "visit":
    case "month":
      return 1;
  }
}

/**
 * The standard's estimate of a booking: the price times the quantity, as one line. An item the
 * standard prices on site has none (`estimateFen` null, no lines): the owner is told it is priced
 * on site, and an adapter may show a guide price (`priceFen` > 0) as "from ¥x".
 */
export function estimateService(item: PriceItem, quantities: ServiceQuantities): { estimateFen: number | null; lines: ChargeLine[] } {
  if (item.onsitePricing) return { estimateFen: null, lines: [] };
  const line = chargeLine(item, bookedQuantity(item, quantities));
  return { estimateFen: line.amountFen, lines: [line] };
}
