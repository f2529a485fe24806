import { DateTime } from "luxon";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import { getServiceMonthSummary } from "./get-service-month-summary.js";

/** The columns of `export orders`, in order: reconciliation spreadsheets are built on them. */
export const exportOrderColumns = [
  "customer_building",
  "customer_unit",
  "customer_name",
  "order_number",
  "work_order_number",
  "service",
  "price_code",
  "scheduled_at",
  "status",
  "receipt_number",
  "amount",
] as const;
export type ExportOrderRow = Record<(typeof exportOrderColumns)[number], string>;

/** Fen as plain yuan with two decimals, as a spreadsheet sums them: `12550` is `125.50`. */
export function fenAsYuan(fen: number): string {
  const digits = String(fen).padStart(3, "0");
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * The month's orders and fees per customer as rows for reconciliation: one row per work order
 * (its time and status, no amount) and one per receipt (its number and amount), the customers
 * in the summary's order. Times are in the property's zone with their offset.
 */
export async function exportOrders(ctx: WorkflowContext, month: string): Promise<ExportOrderRow[]> {
  const summary = await getServiceMonthSummary(ctx, month);
  const local = (at: Date) => DateTime.fromJSDate(at, { zone: ctx.timeZone }).toISO({ suppressMilliseconds: true }) ?? at.toISOString();
  const rows: ExportOrderRow[] = [];
  for (const customer of summary.customers) {
    const who = { customer_building: customer.building, customer_unit: customer.unit, customer_name: customer.residentName };
    for (const order of customer.orders) {
      for (const workOrder of order.workOrders) {
        rows.push({
          ...who,
          order_number: order.number,
          work_order_number: workOrder.number,
          service: order.serviceType,
          price_code: order.priceCode,
          scheduled_at: local(workOrder.scheduledAt),
          status: workOrder.status,
          receipt_number: "",
          amount: "",
        });
      }
    }
    for (const receipt of customer.receipts) {
      rows.push({
        ...who,
        order_number: receipt.orderNumber ?? "",
        work_order_number: receipt.workOrderNumber ?? "",
        service: receipt.serviceType ?? "",
        price_code: receipt.priceCode ?? "",
        scheduled_at: "",
        status: "receipted",
        receipt_number: receipt.number,
        amount: fenAsYuan(receipt.amountFen),
      });
    }
  }
  return rows;
}
