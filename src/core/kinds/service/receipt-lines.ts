import { WorkflowError } from "../../domain/errors.js";
import type { ChargeLine } from "../../domain/receipts.js";
import type { Store } from "../../ports/store.js";
import type { ServiceCase } from "./details.js";
import { bookedQuantity, chargeLine } from "./estimate.js";

/**
 * What the receipt of an accepted one-off says: the accepted quote's lines, else the standard's
 * line of the booking at the agreed amount (the estimate the owner was told at booking, even if
 * the standard changed since).
 */
export async function agreedLines(store: Store, order: ServiceCase): Promise<ChargeLine[]> {
  const { quoteAnswer, quoteLines, agreedFen, priceCode, areaM2, hours } = order.details;
  if (quoteAnswer === "accepted" && quoteLines.length > 0) return quoteLines;
  const item = await store.prices.findByCode(priceCode);
  if (!item || agreedFen === null) throw new WorkflowError("not_found", `${order.number} has no agreed price`, { number: order.number });
  const line = chargeLine(item, bookedQuantity(item, { areaM2, hours }));
  if (line.amountFen === agreedFen) return [line];
  return [{ ...line, unitPriceFen: Math.round(agreedFen / line.quantity), amountFen: agreedFen }];
}
